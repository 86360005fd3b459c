/**
 * The world's view of the company mail server: only the bulk API
 * (`runSession`, `stats`, the log), so the world depends on that narrow
 * surface and never on how sessions are run inside the server.
 */
import type { WorldEnv } from './world-env.ts';
import type { MailServer } from '../mail/mail-server.ts';

export type { BulkResult, BulkSession } from '../mail/bulk.ts';

/** Cumulative counters; the world only reads the numeric ones. */
export type MailStats = Readonly<Record<string, unknown>>;

export type MailPort = Pick<MailServer, 'runSession' | 'stats' | 'log' | 'auditView' | 'countHistory'>;

export function mailPortOf(sim: WorldEnv): MailPort | undefined {
  return sim.mailServer;
}

/** The numeric counters of a stats object, flattened (queue: {length} → queue.length). */
export function numericStats(stats: MailStats | undefined, prefix = '', out: Record<string, number> = {}): Record<string, number> {
  if (!stats) return out;
  for (const [k, v] of Object.entries(stats)) {
    if (typeof v === 'number') out[prefix + k] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) numericStats(v as MailStats, `${prefix}${k}.`, out);
  }
  return out;
}
