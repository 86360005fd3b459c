/**
 * What every actor of the world (employees, bots, the spammer, the ISP, the
 * blocklist) shares: the simulation, its own seeded generator, options, the
 * ledger and metrics, and the one way to open connections and SMTP sessions.
 */
import type { SeededRandom } from '../core/rng.ts';
import type { Host } from '../net/topology.ts';
import type { WorldEnv } from './world-env.ts';
import type { Ledger } from './ledger.ts';
import type { LegitTracker } from './legit-tracker.ts';
import type { BulkResult, BulkSession, MailPort } from './mail-port.ts';
import type { Metrics } from './metrics.ts';
import type { Connector } from './world-net.ts';
import type { ResolvedWorldOptions } from './world-options.ts';

export type WorldCtx = {
  sim: WorldEnv;
  rng: SeededRandom;
  opts: ResolvedWorldOptions;
  ledger: Ledger;
  legit: LegitTracker;
  metrics: Metrics;
  connect: Connector;
  mail(): MailPort | undefined;
  mailHost: Host;
};

const NOT_CONNECTED = (reply: string): BulkResult => ({ connected: false, accepted: [], rejected: [], reply });

/**
 * One SMTP session with the company server from `from` on `port`: the
 * connect oracle first (firewall, NAT: the server sees the post-NAT address),
 * then the mail server's bulk path. Same decisions as a telnet session.
 */
export function sessionWithCompany(ctx: WorldCtx, from: Host, port: 25 | 587, s: Omit<BulkSession, 'client' | 'service'>): BulkResult {
  const out = ctx.connect(from, ctx.mailHost.name, port);
  if (out.kind !== 'accepted') return NOT_CONNECTED(`connect to ${ctx.mailHost.name}:${port}: ${out.message}`);
  const mail = ctx.mail();
  if (!mail) return NOT_CONNECTED('mail server not running');
  return mail.runSession({ ...s, client: { ip: out.sourceIpSeen }, service: port === 587 ? 'submission' : 'smtp' });
}

/** Why a session lost (some of) its mail, or undefined when everything was accepted. */
export function failureReason(r: BulkResult, rcpt: string): string | undefined {
  if (!r.connected) return r.reply ?? 'connection failed';
  if (r.authOk === false) return r.reply ?? 'authentication failed';
  const rej = r.rejected.find((x) => x.rcpt === rcpt);
  if (rej) return rej.reply;
  return r.accepted.includes(rcpt) ? undefined : (r.reply ?? 'not accepted');
}
