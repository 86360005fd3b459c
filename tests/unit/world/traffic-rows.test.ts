import { describe, expect, it } from 'vitest';
import { hourRows, summary } from '../../../simulator/world/mailstats-format.ts';
import { spokenSummary, topHosts } from '../../../site/islands/charts/traffic-chart.ts';
import { HOUR, worldSim } from './helpers.ts';

/** The per-hour lines of `mailstats`, parsed back into numbers. */
function printedHours(text: string): string[][] {
  const lines = text.split('\n');
  const from = lines.indexOf('Per-Hour Traffic Summary') + 3;
  const out: string[][] = [];
  for (let i = from; lines[i]?.trim(); i++) out.push(lines[i]!.trim().split(/\s+/));
  return out;
}

describe('traffic chart rows (the lab page chart and its table)', () => {
  const sim = worldSim(7);
  sim.world!.advance(30 * HOUR);
  const rows = hourRows(sim.world!.metrics());

  it('are the rows mailstats prints, number for number', () => {
    const printed = printedHours(summary(sim.mailServer.stats, sim.world));
    expect(printed).toHaveLength(24);
    expect(rows.map((r) => [...r.label.split(' '), r.received, r.relayed, r.delivered, r.deferred, r.bounced, r.rejected, r.queue ?? '-', r.out25].map(String))).toEqual(printed);
  });

  it('split outbound TCP/25 per source host, and the hosts add up to the total', () => {
    expect(rows.some((r) => r.out25 > 0)).toBe(true);
    for (const r of rows) expect(Object.values(r.out25ByHost).reduce((a, b) => a + b, 0)).toBe(r.out25);
    const hosts = topHosts(rows);
    // Over the charted 24 hours (the metrics' totals cover all 30).
    const sum = (h: string) => rows.reduce((a, r) => a + (r.out25ByHost[h] ?? 0), 0);
    const all = new Set(rows.flatMap((r) => Object.keys(r.out25ByHost)));
    expect(Math.max(...[...all].map(sum))).toBe(sum(hosts[0]!));
    expect(hosts.map(sum)).toEqual(hosts.map(sum).sort((a, b) => b - a));
  });

  it('say the last full hour in one sentence', () => {
    const r = rows[rows.length - 2]!;
    expect(spokenSummary(rows)).toContain(`Hour ${r.label}: ${r.received} received, ${r.rejected} rejected`);
    expect(spokenSummary([])).toBe('No traffic yet.');
  });
});
