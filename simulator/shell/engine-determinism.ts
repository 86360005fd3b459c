/**
 * just-bash reads the host for `$RANDOM`, awk's rand() (Math.random) and
 * for `$SECONDS`, awk's srand() and its start time (Date.now). For the time
 * a line runs, both answer from the simulation instead: a seeded stream of
 * the shell's own and the virtual clock. The swap is undone when the line
 * ends (also on error), so nothing outside the shell engine sees it.
 */
import type { VirtualClock } from '../core/clock.ts';
import type { SeededRandom } from '../core/rng.ts';

let depth = 0;

/** Run `run` (sync or async) with Math.random and Date.now answering from the simulation. */
export function deterministically<T>(clock: VirtualClock, random: SeededRandom, run: () => T): T {
  const realRandom = Math.random;
  const realNow = Date.now;
  if (depth++ === 0) {
    Math.random = () => random.next();
    Date.now = () => clock.now();
  }
  const restore = () => {
    if (--depth === 0) {
      Math.random = realRandom;
      Date.now = realNow;
    }
  };
  let result: T;
  try {
    result = run();
  } catch (err) {
    restore();
    throw err;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
