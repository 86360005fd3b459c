/**
 * The world's view of the company mail server: the bulk API the mail engineer
 * provides on the Simulation (`runSession`, `stats`). Typed structurally here
 * so the world depends on the shape, not on how the server is built.
 */
import type { Simulation } from '../simulation.ts';

export type BulkSession = {
  client: { ip: string; hostname?: string };
  service: 'smtp' | 'submission';
  helo: string;
  tls?: boolean;
  sasl?: { username: string; password: string; method?: 'PLAIN' | 'LOGIN' };
  mailFrom: string;
  rcptTo: string[];
  message: { subject: string; size: number; messageId?: string; body?: string };
  tag?: 'legit' | 'spam';
};

export type BulkResult = {
  connected: boolean;
  authOk?: boolean;
  accepted: string[];
  rejected: { rcpt: string; reply: string }[];
  queueId?: string;
  reply?: string;
};

/** Cumulative counters; the world only reads the numeric ones. */
export type MailStats = Readonly<Record<string, unknown>>;

export type MailPort = {
  runSession(s: BulkSession): BulkResult;
  readonly stats: MailStats;
  /** mail.log as a line store (read incrementally to follow legit mail to its end). */
  readonly log?: { readonly length: number; slice(from?: number): string[] };
};

export function mailPortOf(sim: Simulation): MailPort | undefined {
  const ms = (sim as unknown as { mailServer?: Partial<MailPort> }).mailServer;
  return ms && typeof ms.runSession === 'function' ? (ms as MailPort) : undefined;
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
