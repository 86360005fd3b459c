/**
 * Legitimate mail: each workstation's user sends (to colleagues and partners)
 * and receives (from partners' MTAs) on the office-hours rhythm. Road warriors
 * send from outside: through 587 with AUTH once submission answers, else
 * plain port 25 as they always have — which a closed relay then refuses,
 * and that loss is counted like every other. A lab with IT's client profile
 * (client-profile.ts) sends everyone the way the profile says.
 */
import { OUTSIDE_HOST } from '../net/corp-hosts.ts';
import { hostByName, type Host } from '../net/topology.ts';
import { parseSaslDb, SASLDB } from '../mail/sasl-db.ts';
import { minuteShare, poisson } from './rhythm.ts';
import { domainOf, legitSubject, partnerAddress, REMOTE_DOMAINS } from './spam-content.ts';
import { failureReason, sessionWithCompany, type WorldCtx } from './world-context.ts';
import { clientProfile } from './client-profile.ts';

export type Employee = { user: string; desk: Host; roadWarrior: boolean };

export function hireEmployees(ctx: WorldCtx): Employee[] {
  const desks = ctx.sim.topology.hosts.filter((h) => h.role === 'workstation' && h.user);
  return desks.map((desk) => ({ user: desk.user!, desk, roadWarrior: ctx.rng.chance(ctx.opts.roadWarriorShare) }));
}

/** Expected sends and receives for the whole staff in the minute starting at `t`. */
export function legitCounts(ctx: WorldCtx, staff: number, t: number): { sends: number; receives: number } {
  const share = minuteShare(t);
  return {
    sends: poisson(ctx.rng, ctx.opts.sendsPerEmployee * staff * share),
    receives: poisson(ctx.rng, ctx.opts.receivesPerEmployee * staff * share),
  };
}

function password(ctx: WorldCtx, user: string): string | undefined {
  const db = ctx.sim.machine(ctx.mailHost.name).fs.tryRead(SASLDB) ?? '';
  return parseSaslDb(db).find((u) => u.user === user)?.password;
}

const OUTSIDE = OUTSIDE_HOST;

export function sendLegit(ctx: WorldCtx, e: Employee, colleagues: readonly Employee[]): void {
  const rng = ctx.rng;
  const to = rng.chance(0.4) ? `${rng.pick(colleagues).user}@corp.example` : partnerAddress(rng);
  const message = { subject: legitSubject(rng), size: rng.int(2_000, 60_000), messageId: `${rng.hex(12)}@corp.example` };
  const base = { mailFrom: `${e.user}@corp.example`, rcptTo: [to], message, tag: 'legit' as const };
  ctx.ledger.legitSent++;
  let r;
  const profile = clientProfile(ctx.sim);
  if (profile) {
    // IT's profile decides, for desks and laptops alike.
    const from = e.roadWarrior ? hostByName(ctx.sim.topology, OUTSIDE)! : e.desk;
    const pw = profile.auth ? password(ctx, e.user) : undefined;
    const helo = e.roadWarrior ? `${e.user}-laptop` : e.desk.name;
    if (profile.port !== 25 && profile.port !== 587) r = { connected: false, accepted: [], rejected: [], reply: `connect to ${ctx.mailHost.name}:${profile.port}: Connection refused` };
    else r = sessionWithCompany(ctx, from, profile.port, { ...base, helo, tls: profile.starttls, sasl: profile.auth ? { username: e.user, password: pw ?? '', method: 'PLAIN' } : undefined });
  } else if (e.roadWarrior) {
    const from = hostByName(ctx.sim.topology, OUTSIDE)!;
    const pw = password(ctx, e.user);
    // A laptop configured for submission uses it as soon as the server offers it.
    const sub = pw !== undefined && ctx.sim.network.isListening(ctx.mailHost.name, 587);
    r = sub
      ? sessionWithCompany(ctx, from, 587, { ...base, helo: `${e.user}-laptop`, tls: true, sasl: { username: e.user, password: pw!, method: 'PLAIN' } })
      : sessionWithCompany(ctx, from, 25, { ...base, helo: `${e.user}-laptop` });
  } else {
    r = sessionWithCompany(ctx, e.desk, 25, { ...base, helo: e.desk.name });
  }
  const why = failureReason(r, to);
  const route = e.roadWarrior ? 'road-warrior' : 'office';
  if (why) ctx.ledger.legitFailure({ at: ctx.sim.clock.now(), kind: 'send', from: base.mailFrom, to, reason: why, route });
  else {
    ctx.ledger.legitOk(route, ctx.sim.clock.now());
    if (r.queueId) ctx.legit.track(r.queueId, base.mailFrom, to, route);
  }
}

/** A partner's MTA delivers to an employee: inbound through fw's 1:1 NAT. */
export function receiveLegit(ctx: WorldCtx, e: Employee): void {
  const rng = ctx.rng;
  const from = partnerAddress(rng);
  const domain = domainOf(from);
  const mtaName = (REMOTE_DOMAINS as readonly string[]).includes(domain) ? ctx.sim.topology.mx.find((m) => m.domain === domain)?.exchange : undefined;
  const mta = hostByName(ctx.sim.topology, mtaName ?? 'mx.example.net')!;
  const to = `${e.user}@corp.example`;
  ctx.ledger.legitSent++;
  const r = sessionWithCompany(ctx, mta, 25, {
    helo: mta.name,
    mailFrom: from,
    rcptTo: [to],
    message: { subject: legitSubject(rng), size: rng.int(2_000, 80_000), messageId: `${rng.hex(12)}@${domain}` },
    tag: 'legit',
  });
  const why = failureReason(r, to);
  if (why) ctx.ledger.legitFailure({ at: ctx.sim.clock.now(), kind: 'receive', from, to, reason: why, route: 'inbound' });
  else ctx.ledger.legitOk('inbound', ctx.sim.clock.now());
}
