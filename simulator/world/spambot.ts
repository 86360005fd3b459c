/**
 * A spambot on an infected workstation: while its process runs it makes
 * SMTP attempts at a steady rate, day and night. Strategy per attempt, the
 * way real bots degrade: straight to the recipient's MX on TCP/25 (the fw
 * counts and LOGs each SYN); when the firewall stops that, through the
 * company server if it relays for the LAN; when that is refused too, a quiet
 * trickle on 587 with the desk user's password as captured at infection
 * (visible only as one sasl_username's volume in mail.log; a changed password stops it).
 */
import type { Host } from '../net/topology.ts';
import { BOT_ROLE, type BotProfile } from './bot-host.ts';
import { RemoteMxModel } from '../mail/remote-mx.ts';
import { domainOf, spamMessage, type SpamMessage } from './spam-content.ts';
import { sessionWithCompany, type WorldCtx } from './world-context.ts';
import type { SpamRoute } from './ledger.ts';

export type Strategy = 'direct' | 'relay' | 'stolen' | 'idle';

export type Bot = {
  host: Host;
  profile: BotProfile;
  strategy: Strategy;
  /** Direct attempts the firewall stopped in a row. */
  blockedInARow: number;
  /** Counts for the learner and tests. */
  sent: { direct: number; relay: number; stolen: number; blocked: number };
  reimagingUntil?: number;
  /** The Internet's MXs as this desk meets them (connect oracle + accept/defer/DNSBL reject). */
  mx?: RemoteMxModel;
};

export function newBot(host: Host, profile: BotProfile): Bot {
  return { host, profile, strategy: 'direct', blockedInARow: 0, sent: { direct: 0, relay: 0, stolen: 0, blocked: 0 } };
}

/** Each minute the bot asks its C&C for work and starts again from the most profitable route. */
export function resetStrategy(b: Bot): void {
  b.strategy = 'direct';
  b.blockedInARow = 0;
}

export function botIsActive(ctx: WorldCtx, b: Bot): boolean {
  if (b.reimagingUntil !== undefined || !b.host.infected) return false;
  return ctx.sim.machine(b.host.name).procs.processes.some((p) => p.role === BOT_ROLE);
}

function helo(ctx: WorldCtx, b: Bot): string {
  return ctx.rng.chance(0.5) ? b.host.short.toUpperCase() : `[${b.host.interfaces[0]!.ip}]`;
}

function recordLeft(ctx: WorldCtx, ip: string, m: SpamMessage, heloName: string, route: SpamRoute): void {
  const now = ctx.sim.clock.now();
  ctx.ledger.spamFrom(ip, now, () => ({ at: now, from: m.from, to: m.to, subject: m.subject, messageId: m.messageId, helo: heloName, sourceIp: ip }), route);
}

export function botAttempt(ctx: WorldCtx, b: Bot): void {
  if (b.strategy === 'idle' || !botIsActive(ctx, b)) return;
  const m = spamMessage(ctx.rng, ctx.sim.clock.now());
  ctx.ledger.spamAttempts++;
  const heloName = helo(ctx, b);
  if (b.strategy === 'direct') {
    b.mx ??= new RemoteMxModel(ctx.sim, b.host.name, ctx.rng);
    // One SMTP connection from the desk: the same oracle (fw counters, LOG lines) the wire path uses.
    const a = b.mx.deliver(domainOf(m.to), m.from, m.to);
    const passed = a.relay !== 'none';
    ctx.metrics.outbound(b.host.short, passed);
    if (passed) {
      b.blockedInARow = 0;
      b.sent.direct++;
      recordLeft(ctx, ctx.sim.topology.firewall.masquerade.toIp, m, heloName, 'bot-direct');
      return;
    }
    b.sent.blocked++;
    if (++b.blockedInARow >= 3) b.strategy = 'relay';
    return;
  }
  const session = { helo: heloName, mailFrom: m.from, rcptTo: [m.to], message: { subject: m.subject, size: m.size, messageId: m.messageId }, tag: 'spam' as const };
  if (b.strategy === 'relay') {
    const r = sessionWithCompany(ctx, b.host, 25, session);
    if (r.accepted.length) {
      b.sent.relay++;
      recordLeft(ctx, ctx.mailHost.publicIp ?? ctx.mailHost.interfaces[0]!.ip, m, heloName, 'bot-relay');
    } else b.strategy = 'stolen';
    return;
  }
  // Stolen credentials: one attempt in ten goes out, to stay under the radar.
  if (!ctx.rng.chance(0.1)) return;
  // The password the bot captured at infection: once the user's password is changed, AUTH fails.
  const password = b.profile.stolenPassword;
  if (password === undefined) {
    b.strategy = 'idle';
    return;
  }
  const r = sessionWithCompany(ctx, b.host, 587, { ...session, helo: b.host.short, tls: true, sasl: { username: b.profile.user, password, method: 'LOGIN' } });
  if (r.accepted.length) {
    b.sent.stolen++;
    recordLeft(ctx, ctx.mailHost.publicIp ?? ctx.mailHost.interfaces[0]!.ip, m, heloName, 'bot-submission');
  } else b.strategy = 'idle';
}
