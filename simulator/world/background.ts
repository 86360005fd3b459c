/**
 * Running the clock in the background at a chosen speed (the lab page's
 * "play" control). The core has no real timers: the caller passes a
 * scheduler (setTimeout in the browser, a fake in tests) and gets a stop().
 */
import type { World } from './world.ts';

/** Schedule fn after realMs real milliseconds; returns a cancel function. */
export type RealScheduler = (fn: () => void, realMs: number) => () => void;

export type BackgroundRun = { stop(): void; readonly speed: number };

/**
 * Advance `speed` virtual ms per real ms, in steps of `stepMs` real ms
 * (e.g. speed 60 = one virtual minute per real second).
 */
export function runInBackground(world: World, speed: number, schedule: RealScheduler, stepMs = 100): BackgroundRun {
  let cancel: (() => void) | undefined;
  let running = true;
  const step = () => {
    if (!running) return;
    world.advance(Math.max(1, Math.round(speed * stepMs)));
    cancel = schedule(step, stepMs);
  };
  cancel = schedule(step, stepMs);
  return {
    speed,
    stop() {
      running = false;
      cancel?.();
    },
  };
}
