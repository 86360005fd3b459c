/**
 * serve's clock: the VirtualClock follows real time (× speed), driven from a
 * real timer here in the transport — the simulator core has none. Every tick
 * moves the clock to where real time says it should be, running what fell due
 * (smtpd_timeout, queue runs, the world); a clock that something jumped ahead
 * (`sleep 5`, `advance 1h` in an attached shell) waits for real time to catch up.
 */
import type { VirtualClock } from '../../simulator/core/clock.ts';

export type RealtimeClock = { stop(): void };

/** `afterTick`: the transport's own follow-up (serve opens and closes real ports to match the simulated master). */
export function runRealtimeClock(clock: VirtualClock, speed = 1, afterTick: () => void = () => undefined, tickMs = 50, now: () => number = () => performance.now()): RealtimeClock {
  const virtualStart = clock.now();
  const realStart = now();
  let ahead = 0;
  const tick = () => {
    const target = virtualStart + ahead + (now() - realStart) * speed;
    // A jump ahead is kept: from then on real time runs from the later point.
    if (clock.now() > target) ahead += clock.now() - target;
    else clock.advanceTo(Math.floor(target));
    afterTick();
  };
  const timer = setInterval(tick, tickMs);
  return { stop: () => clearInterval(timer) };
}
