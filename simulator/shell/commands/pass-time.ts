/**
 * Letting simulated time pass (`advance 7d`, `sleep 3h`) in steps of one
 * simulated hour, with a turn for the page between steps: a week of the
 * world is a few seconds of work, and Ctrl-C must be able to stop it.
 */
import type { CommandContext } from '../command-spec.ts';

const STEP_MS = 3_600_000;

/** Moves the clock on by `ms`; false when Ctrl-C stopped it on the way. */
export async function passTime(ctx: CommandContext, ms: number): Promise<boolean> {
  const target = ctx.sim.clock.now() + ms;
  while (ctx.sim.clock.now() < target) {
    if (ctx.signal.aborted) return false;
    ctx.sim.clock.advanceTo(Math.min(target, ctx.sim.clock.now() + STEP_MS));
    if (ctx.sim.clock.now() < target) await ctx.sim.host.yield();
  }
  return !ctx.signal.aborted;
}
