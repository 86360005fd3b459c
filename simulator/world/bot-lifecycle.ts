/**
 * What brings a bot back and what finally removes it. Cron runs its line
 * every minute and systemd restarts an active Restart=always unit, so a
 * killed bot returns on the next minute; `reimage` takes the machine away
 * for a while and returns it clean.
 */
import { botRunning, cleanMachine, persistenceLeft, spawnBot } from './bot-host.ts';
import type { Bot } from './spambot.ts';
import type { WorldCtx } from './world-context.ts';

/** Called on each minute boundary. */
export function revive(ctx: WorldCtx, bots: readonly Bot[]): void {
  const now = ctx.sim.clock.now();
  for (const b of bots) {
    if (b.reimagingUntil !== undefined || !b.host.infected) continue;
    const m = ctx.sim.machine(b.host.name);
    if (!botRunning(m) && persistenceLeft(m, b.profile)) {
      spawnBot(m, b.profile, now);
      if (ctx.sim.events.active) ctx.sim.events.emit({ type: 'bot', at: now, action: 'started', host: b.host.name });
    }
  }
}

export type ReimageResult = { ok: boolean; message: string; readyAt?: number };

/**
 * Take HOST off the network now (its bot stops at once) and give it back
 * clean after the reimage delay: no bot process, unit or crontab line,
 * infected=false. Works on clean hosts too (it just takes the time).
 */
export function reimage(ctx: WorldCtx, bots: readonly Bot[], hostName: string, reimaging: Set<string>): ReimageResult {
  const host = ctx.sim.findHost(hostName);
  if (!host) return { ok: false, message: `reimage: ${hostName}: no such host` };
  if (host.role !== 'workstation') return { ok: false, message: `reimage: ${host.short}: only workstations can be reimaged` };
  if (reimaging.has(host.name)) return { ok: false, message: `reimage: ${host.short}: already being reimaged` };
  const readyAt = ctx.sim.clock.now() + ctx.opts.reimageDelayMs;
  const bot = bots.find((b) => b.host === host);
  if (bot) bot.reimagingUntil = readyAt;
  reimaging.add(host.name);
  const m = ctx.sim.machine(host.name);
  m.procs.processes = m.procs.processes.filter((p) => p.user === 'root');
  ctx.sim.clock.at(readyAt, () => {
    cleanMachine(m);
    host.infected = false;
    if (bot) bot.reimagingUntil = undefined;
    reimaging.delete(host.name);
  });
  const hours = Math.round(ctx.opts.reimageDelayMs / 360_000) / 10;
  return { ok: true, message: `${host.short}: reimage started; the machine is off the network and will be back, clean, in ${hours} h`, readyAt };
}
