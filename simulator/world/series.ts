/**
 * The world's hourly metrics as series: one array per measure, one value per
 * closed hour, oldest first — what a chart plots and what lab 4's alert
 * thresholds are replayed against (world/alerts.ts), so the two cannot
 * disagree. `World.series()` is the one API; `mailstats --json` prints the
 * raw hours it is built from.
 */
import type { MetricsExport } from './metrics.ts';

export type MetricSeries = {
  /** Start of each hour (virtual ms since epoch). */
  hours: number[];
  /** Messages the mail server accepted (cleanup), per hour. */
  received: number[];
  /** Recipients accepted for other domains (relayed), per hour. */
  relayed: number[];
  /** RCPTs (and other commands) the server refused, per hour. */
  rejected: number[];
  /** Deliveries bounced and deferred by remote servers, per hour. */
  bounced: number[];
  deferred: number[];
  /** Messages in the queue at the end of each hour (null when the server did not report it). */
  queue: (number | null)[];
  /** Outbound TCP/25 connections to the Internet per LAN source host (short name), per hour; hosts that never sent have none. */
  outbound25: Record<string, number[]>;
};

export function metricSeries(m: MetricsExport): MetricSeries {
  const hours = m.hours;
  const col = (k: string) => hours.map((h) => h.mail[k] ?? 0);
  const outbound25: Record<string, number[]> = {};
  for (const host of Object.keys(m.totals.outbound25).sort()) outbound25[host] = hours.map((h) => h.outbound25[host] ?? 0);
  return {
    hours: hours.map((h) => h.start),
    received: col('received'),
    relayed: col('relayed'),
    rejected: col('rejected'),
    bounced: col('bounced'),
    deferred: col('deferred'),
    queue: hours.map((h) => h.queue ?? null),
    outbound25,
  };
}
