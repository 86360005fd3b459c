/**
 * A stolen mailbox password in a spammer's hands: from the Internet it logs
 * in on the company's submission port (587, STARTTLS + AUTH) as the employee
 * and sends spam through the company server — no bot in the office, no relay
 * hole: only changing that password stops it. The password is the one the
 * thieves copied when the world started; once /etc/sasldb2 holds another,
 * AUTH fails and the account goes quiet (it is tried again every hour).
 */
import { hostByName, type Host } from '../net/topology.ts';
import { poisson } from './rhythm.ts';
import { spamMessage } from './spam-content.ts';
import { sessionWithCompany, type WorldCtx } from './world-context.ts';

export type StolenAccount = { user: string; password: string; from: Host; retryAt: number; sent: number; refused: number };

const RETRY = 3_600_000;

export function newStolenAccount(ctx: WorldCtx, user: string, password: string): StolenAccount {
  return { user, password, from: hostByName(ctx.sim.topology, 'spammer')!, retryAt: 0, sent: 0, refused: 0 };
}

/** Minute boundary: how many sessions this account runs this minute. */
export function stolenPlan(ctx: WorldCtx, a: StolenAccount): number {
  if (ctx.sim.clock.now() < a.retryAt) return 0;
  return poisson(ctx.rng, ctx.opts.stolenAccountSpamPerDay / 1440);
}

export function stolenSession(ctx: WorldCtx, a: StolenAccount): void {
  const now = ctx.sim.clock.now();
  if (now < a.retryAt) return;
  const m = spamMessage(ctx.rng, now);
  ctx.ledger.spamAttempts++;
  const r = sessionWithCompany(ctx, a.from, 587, {
    helo: 'User',
    mailFrom: `${a.user}@corp.example`,
    rcptTo: [m.to],
    message: { subject: m.subject, size: m.size, messageId: m.messageId },
    tls: true,
    sasl: { username: a.user, password: a.password, method: 'LOGIN' },
    tag: 'spam',
  });
  if (!r.accepted.length) {
    a.refused++;
    a.retryAt = now + RETRY;
    return;
  }
  a.sent++;
  const ip = ctx.mailHost.publicIp ?? ctx.mailHost.interfaces[0]!.ip;
  ctx.ledger.spamFrom(ip, now, () => ({ at: now, from: `${a.user}@corp.example`, to: m.to, subject: m.subject, messageId: m.messageId, helo: ctx.mailHost.name, sourceIp: ip }), 'stolen-account');
}
