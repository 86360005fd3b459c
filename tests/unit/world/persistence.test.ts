import { describe, expect, it } from 'vitest';
import { BOT_ROLE } from '../../../simulator/world/bot-host.ts';
import { HOUR, worldSim } from './helpers.ts';

describe('world: bot persistence', () => {
  it('a killed bot comes back while its cron line or unit remains; reimage removes it for good', () => {
    const sim = worldSim(11);
    const w = sim.world!;
    expect(w.bots.length).toBeGreaterThan(0);
    for (const b of w.bots) {
      const procs = sim.machine(b.host.name).procs;
      const [bot] = procs.find((p) => p.role === BOT_ROLE);
      expect(bot!.command).toMatch(/^C:\\Users\\\w+\\.*\.exe/);
      if (b.profile.persistence === 'cron') expect(Object.values(procs.crontabs).join('')).toContain(b.profile.command);
      else expect(procs.unit(b.profile.unit!)?.enabled).toBe(true);
      procs.kill(bot!.pid);
      expect(procs.find((p) => p.role === BOT_ROLE)).toEqual([]);
    }
    w.advance(2 * 60_000);
    for (const b of w.bots) expect(sim.machine(b.host.name).procs.find((p) => p.role === BOT_ROLE).length).toBe(1);

    const first = w.bots[0]!;
    expect(w.reimage(first.host.short).ok).toBe(true);
    expect(w.activeBots()).not.toContain(first);
    w.advance(3 * HOUR);
    const procs = sim.machine(first.host.name).procs;
    expect(procs.find((p) => p.role === BOT_ROLE)).toEqual([]);
    expect(procs.crontabs).toEqual({});
    expect(procs.units.filter((u) => u.role === BOT_ROLE)).toEqual([]);
    expect(first.host.infected).toBe(false);
  });

  it('removing the persistence, then killing, stops the bot', () => {
    const sim = worldSim(11);
    const b = sim.world!.bots[0]!;
    const procs = sim.machine(b.host.name).procs;
    procs.crontabs = {};
    procs.units = procs.units.filter((u) => u.role !== BOT_ROLE);
    for (const p of procs.find((x) => x.role === BOT_ROLE)) procs.kill(p.pid);
    sim.world!.advance(10 * 60_000);
    expect(procs.find((p) => p.role === BOT_ROLE)).toEqual([]);
  });
});
