import { describe, expect, it } from 'vitest';
import { DAY, fwLines, mailLog, worldSim } from './helpers.ts';

describe('world: determinism', () => {
  it('same seed, same day: identical logs, listings and metrics', () => {
    const run = () => {
      const sim = worldSim(2026);
      sim.world!.advance(DAY);
      return { mail: mailLog(sim), fw: fwLines(sim).join('\n'), dnsbl: JSON.stringify(sim.dnsbl), metrics: JSON.stringify(sim.world!.metrics()) };
    };
    const a = run();
    const b = run();
    expect(a.mail.length).toBeGreaterThan(10_000);
    expect(b.mail === a.mail).toBe(true);
    expect(b.fw === a.fw).toBe(true);
    expect(b.dnsbl).toBe(a.dnsbl);
    expect(b.metrics).toBe(a.metrics);
  });
});
