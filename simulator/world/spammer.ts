/**
 * The outside spammer (198.51.100.66): every half hour it tests the company
 * server with a relay probe from its own address; once a probe is accepted it
 * pours spam through the relay at its own rhythm, and goes back to probing
 * the moment its sessions are refused.
 */
import { hostByName, type Host } from '../net/topology.ts';
import { spamMessage } from './spam-content.ts';
import { sessionWithCompany, type WorldCtx } from './world-context.ts';

export type Spammer = { host: Host; relayOpen: boolean; nextProbeAt: number; sessions: number; probes: number };

const PROBE_EVERY = 30 * 60_000;

export function newSpammer(ctx: WorldCtx): Spammer {
  return { host: hostByName(ctx.sim.topology, 'spammer')!, relayOpen: false, nextProbeAt: ctx.sim.clock.now() + 7 * 60_000, sessions: 0, probes: 0 };
}

/** Minute boundary: probe when due. Returns how many spam sessions to run this minute. */
export function spammerPlan(ctx: WorldCtx, s: Spammer): number {
  const now = ctx.sim.clock.now();
  if (!s.relayOpen && now >= s.nextProbeAt) {
    s.nextProbeAt = now + PROBE_EVERY;
    s.probes++;
    const r = sessionWithCompany(ctx, s.host, 25, {
      helo: 'relaytest.example.org',
      mailFrom: 'check@relaytest.example.org',
      rcptTo: ['relay-check@freemail.example'],
      message: { subject: `relay test ${ctx.rng.hex(6)}`, size: 412 },
      tag: 'spam',
    });
    s.relayOpen = r.accepted.length > 0;
  }
  if (!s.relayOpen) return 0;
  // Bulk senders run around the clock; spread the day's sessions over its minutes.
  const mean = ctx.opts.spammerSessions / 1440;
  return Math.floor(mean) + (ctx.rng.chance(mean - Math.floor(mean)) ? 1 : 0);
}

export function spammerSession(ctx: WorldCtx, s: Spammer): void {
  if (!s.relayOpen) return;
  const now = ctx.sim.clock.now();
  const msgs = Array.from({ length: ctx.opts.spammerRcpts }, () => spamMessage(ctx.rng, now));
  const first = msgs[0]!;
  ctx.ledger.spamAttempts += msgs.length;
  const r = sessionWithCompany(ctx, s.host, 25, {
    helo: 'mail.promo-deals.example',
    mailFrom: first.from,
    rcptTo: msgs.map((m) => m.to),
    message: { subject: first.subject, size: first.size, messageId: first.messageId },
    tag: 'spam',
  });
  s.sessions++;
  if (!r.accepted.length) {
    s.relayOpen = false;
    s.nextProbeAt = now + PROBE_EVERY;
    return;
  }
  const ip = ctx.mailHost.publicIp ?? ctx.mailHost.interfaces[0]!.ip;
  for (const to of r.accepted) {
    const m = msgs.find((x) => x.to === to) ?? first;
    ctx.ledger.spamFrom(ip, now, () => ({ at: now, from: first.from, to, subject: m.subject, messageId: first.messageId, helo: 'mail.corp.example', sourceIp: ip }), 'outside-relay');
  }
}
