/**
 * When people send mail: a day curve by hour (UTC is the company's local time
 * here) and a weekend factor, plus a Poisson draw so a minute gets a whole
 * number of messages with the right mean. Aggregating per minute keeps a day
 * at 1,440 clock events however many messages flow.
 */
import type { SeededRandom } from '../core/rng.ts';

/** Relative activity per hour of day: quiet nights, a morning peak, lunch dip. */
const HOUR_WEIGHT = [
  0.05, 0.03, 0.02, 0.02, 0.03, 0.06, 0.15, 0.45, 1.0, 1.25, 1.2, 1.1,
  0.7, 0.95, 1.15, 1.1, 0.95, 0.7, 0.4, 0.25, 0.2, 0.15, 0.1, 0.07,
];
const DAY_TOTAL = HOUR_WEIGHT.reduce((a, b) => a + b, 0);

export function isWeekend(ms: number): boolean {
  const d = new Date(ms).getUTCDay();
  return d === 0 || d === 6;
}

/** Share of a weekday's traffic that falls in the minute starting at `ms`. */
export function minuteShare(ms: number, weekendFactor = 0.15): number {
  const h = new Date(ms).getUTCHours();
  const day = isWeekend(ms) ? weekendFactor : 1;
  return (HOUR_WEIGHT[h]! / DAY_TOTAL / 60) * day;
}

/** Poisson-distributed count with mean `mean` (Knuth; normal approximation above 30). */
export function poisson(rng: SeededRandom, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = Math.max(1e-12, rng.next());
    const v = rng.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
