import { describe, expect, it } from 'vitest';
import { dnsblLookup } from '../../../simulator/net/dnsbl.ts';
import { infectedHosts } from '../../../simulator/net/topology.ts';
import { readMailbox } from '../../../simulator/world/postmaster-box.ts';
import { DAY, fwLines, worldSim } from './helpers.ts';

describe('world: one day of the default scenario, no fixes', () => {
  const sim = worldSim(7);
  sim.world!.advance(DAY);
  const infected = infectedHosts(sim.topology);

  it('logs outbound :25 from exactly the infected hosts (plus the mail server)', () => {
    const sources = new Set(fwLines(sim).filter((l) => l.includes('DPT=25 ')).map((l) => /SRC=(\S+)/.exec(l)![1]));
    sources.delete('10.0.0.25');
    expect([...sources].sort()).toEqual(infected.map((h) => h.interfaces[0]!.ip).sort());
    expect(infected.length).toBeGreaterThan(0);
  });

  it('counts outbound :25 per source host from the connect oracle', () => {
    const totals = sim.world!.metrics().totals.outbound25;
    expect(Object.keys(totals).sort()).toEqual(infected.map((h) => h.short).sort());
    for (const h of infected) expect(totals[h.short]).toBeGreaterThan(100);
  });

  it('gets the company listed: XBL for the NAT address, SBL for the relay', () => {
    expect(dnsblLookup(sim.dnsbl, '203.0.113.10')?.codes).toContain('127.0.0.4');
    expect(dnsblLookup(sim.dnsbl, '203.0.113.25')?.codes).toContain('127.0.0.2');
  });

  it('puts an ARF complaint with the original message in postmaster\'s mailbox', () => {
    const { items } = readMailbox(sim, 'postmaster');
    const arf = items.find((i) => /Abuse report/.test(i.subject));
    expect(arf).toBeDefined();
    expect(arf!.raw).toMatch(/multipart\/report; report-type=feedback-report/);
    expect(arf!.raw).toMatch(/Content-Type: message\/feedback-report[\s\S]*Feedback-Type: abuse[\s\S]*Source-IP: 203\.0\.113\./);
    expect(arf!.raw).toMatch(/Content-Type: message\/rfc822/);
    expect(items.some((i) => /WARNING/.test(i.subject))).toBe(true);
  });

  it('still delivers legitimate mail, and counts what it loses', () => {
    const l = sim.world!.ledger;
    expect(l.legitAccepted).toBeGreaterThan(200);
    expect(sim.mailServer.stats.delivered).toBeGreaterThan(100);
    expect(l.legitFailed).toBe(l.failures.length);
  });

  it('exports hourly metrics as JSON', () => {
    const m = sim.world!.metrics();
    expect(m.hours.length).toBe(24);
    expect(JSON.parse(JSON.stringify(m)).hours[3].mail.received).toBeGreaterThan(0);
  });
});
