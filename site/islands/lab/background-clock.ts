/**
 * The lab's living world in real time: when a scenario turns the world on,
 * the virtual clock runs in the background at the lab's `clockSpeed`
 * (simulated seconds per real second). The simulator has no timers of its
 * own; this is the one place the browser lends it setTimeout. The clock stops
 * while the tab is hidden (nothing to watch, and no battery spent) and when
 * the page goes away.
 */
import type { Simulation } from '../../../simulator/simulation.ts';
import type { BackgroundRun, RealScheduler } from '../../../simulator/world/background.ts';

const realTimers: RealScheduler = (fn, ms) => {
  const t = window.setTimeout(fn, ms);
  return () => window.clearTimeout(t);
};

export type WorldClock = {
  stop(): void;
  /** True while a background run is scheduled (visible tab, not stopped). */
  readonly running: boolean;
};

export function runWorldClock(sim: Simulation, speed: number): WorldClock | undefined {
  const world = sim.world;
  if (!world) return undefined;
  let run: BackgroundRun | undefined;
  const start = () => {
    if (!run && document.visibilityState !== 'hidden') run = world.runInBackground(speed, realTimers);
  };
  const pause = () => {
    run?.stop();
    run = undefined;
  };
  const onVisibility = () => (document.visibilityState === 'hidden' ? pause() : start());
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', pause);
  start();
  return {
    stop() {
      pause();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', pause);
    },
    get running() {
      return run !== undefined;
    },
  };
}
