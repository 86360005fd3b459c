/**
 * Counted hours (world/counted.ts): the same day, lived in full detail and
 * counted, gives the same totals within the day's own randomness — messages,
 * relayed recipients, refusals, outbound TCP/25 per desk, spam and legitimate
 * mail in the ledger, and the blocklist's verdict — while counting writes no
 * log line and queues nothing. mailstats' grand totals are the sums of the
 * hourly metrics either way.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { numericStats } from '../../../simulator/world/mail-port.ts';

const DAY = 86_400_000;

function day(scenario: 'open' | 'closed', counted: boolean) {
  const sim = new Simulation({ seed: 5, world: true, mailScenario: scenario, infected: scenario === 'closed' ? ['ws03', 'ws07'] : [] });
  const world = sim.world!;
  const logBefore = sim.mailServer.log.text().length;
  if (counted) world.countedUntil = Infinity;
  world.advance(DAY);
  const st = numericStats(sim.mailServer.stats);
  const s = world.series();
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return {
    sim,
    stats: st,
    hourly: { received: sum(s.received), relayed: sum(s.relayed), rejected: sum(s.rejected) },
    out25: world.metrics().totals.outbound25,
    ledger: { legitSent: world.ledger.legitSent, spamAttempts: world.ledger.spamAttempts, spamLeft: world.ledger.spamLeft },
    listed: Object.keys(sim.dnsbl.listings).sort(),
    logGrowth: sim.mailServer.log.text().length - logBefore,
    queue: sim.mailServer.queue.all().length,
  };
}

/** Within 25% (and 15 units, for small counts): two random draws of the same day differ by about that much at 2σ. */
const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(15, 0.25 * Math.max(a, b));

describe('counted hours keep the totals of detailed ones', () => {
  it.each(['closed', 'open'] as const)('a day with the %s server: same totals, no log lines, nothing queued', (scenario) => {
    const detail = day(scenario, false);
    const counted = day(scenario, true);
    for (const k of ['connections', 'received', 'relayed', 'rejected'] as const) expect(near(detail.stats[k]!, counted.stats[k]!), `${k}: ${detail.stats[k]} vs ${counted.stats[k]}`).toBe(true);
    for (const k of Object.keys(detail.ledger) as (keyof typeof detail.ledger)[]) expect(near(detail.ledger[k], counted.ledger[k]), `${k}: ${detail.ledger[k]} vs ${counted.ledger[k]}`).toBe(true);
    expect(Object.keys(counted.out25).sort()).toEqual(Object.keys(detail.out25).sort());
    for (const h of Object.keys(detail.out25)) expect(near(detail.out25[h]!, counted.out25[h]!), h).toBe(true);
    expect(counted.listed).toEqual(detail.listed);
    // Counting writes nothing but the rare real event (the ISP's complaint is still delivered as mail).
    expect(counted.logGrowth).toBeLessThan(detail.logGrowth / 20);
    expect(counted.queue).toBe(0);
    // Either way, the hourly metrics add up to the server's counters (the first hour starts at the clock's start).
    for (const x of [detail, counted]) {
      const lastHourOpen = x.sim.world!.metrics().current.mail;
      expect(x.hourly.received + (lastHourOpen['received'] ?? 0)).toBe(x.stats['received']);
      expect(x.hourly.relayed + (lastHourOpen['relayed'] ?? 0)).toBe(x.stats['relayed']);
    }
  }, 30_000);
});
