/**
 * The DNSBL operator's side: list a company address once its spam crosses
 * the threshold within an hour (XBL for bot traffic NATed through fw, SBL
 * for spam the mail server itself sends), and process delisting requests —
 * accepted only when the spam has really stopped, effective hours later.
 */
import { dnsblLookup, listIp, delistIp, type DnsblCode } from '../net/dnsbl.ts';
import type { WorldCtx } from './world-context.ts';

export type DelistRequest = { ip: string; requestedAt: number; dueAt: number; state: 'pending' | 'done' | 'refused'; reason?: string };

const QUIET = 3_600_000;

function codeFor(ctx: WorldCtx, ip: string): DnsblCode {
  return ip === ctx.mailHost.publicIp ? '127.0.0.2' : '127.0.0.4';
}

/** Minute boundary: list addresses over the threshold. */
export function checkListings(ctx: WorldCtx): void {
  const now = ctx.sim.clock.now();
  for (const [ip, r] of ctx.ledger.spam) {
    if (r.inWindow < ctx.opts.listThreshold || now - r.windowStart >= QUIET) continue;
    const code = codeFor(ctx, ip);
    if (dnsblLookup(ctx.sim.dnsbl, ip)?.codes.includes(code)) continue;
    const why = code === '127.0.0.4' ? 'spambot (XBL/CBL): direct-to-MX SMTP from an infected host behind NAT' : 'spam source (SBL): unsolicited bulk mail sent by this mail server';
    listIp(ctx.sim.dnsbl, ip, code, { now, reason: why });
    if (ctx.sim.events.active) ctx.sim.events.emit({ type: 'dnsbl', at: now, action: 'listed', ip, zone: ctx.sim.dnsbl.zone, code });
  }
}

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

/** The learner (or a lab) asks the DNSBL to remove IP. */
export function requestDelist(ctx: WorldCtx, ip: string, requests: DelistRequest[]): { ok: boolean; message: string } {
  const now = ctx.sim.clock.now();
  const listing = dnsblLookup(ctx.sim.dnsbl, ip);
  if (!listing || ip === '127.0.0.2') return { ok: false, message: `${ip} is not listed in ${ctx.sim.dnsbl.zone}` };
  if (requests.some((q) => q.ip === ip && q.state === 'pending')) return { ok: false, message: `a delisting request for ${ip} is already pending` };
  const last = ctx.ledger.spam.get(ip)?.lastAt;
  if (last !== undefined && now - last < QUIET) {
    const reason = `spam from ${ip} was still seen at ${hhmm(last)} UTC; fix the cause, wait until it has stopped for an hour, then ask again`;
    requests.push({ ip, requestedAt: now, dueAt: now, state: 'refused', reason });
    return { ok: false, message: `Request refused: ${reason}` };
  }
  const req: DelistRequest = { ip, requestedAt: now, dueAt: now + ctx.opts.delistDelayMs, state: 'pending' };
  requests.push(req);
  ctx.sim.clock.at(req.dueAt, () => {
    const again = ctx.ledger.spam.get(ip)?.lastAt;
    if (again !== undefined && again > req.requestedAt) {
      req.state = 'refused';
      req.reason = `spam from ${ip} resumed at ${hhmm(again)} UTC after the request`;
      return;
    }
    delistIp(ctx.sim.dnsbl, ip);
    req.state = 'done';
    if (ctx.sim.events.active) ctx.sim.events.emit({ type: 'dnsbl', at: ctx.sim.clock.now(), action: 'delisted', ip, zone: ctx.sim.dnsbl.zone, code: '' });
  });
  const hours = Math.round(ctx.opts.delistDelayMs / 360_000) / 10;
  return { ok: true, message: `Delisting request for ${ip} accepted (listed as ${listing.codes.join(', ')}); removal in about ${hours} h if no more spam is seen` };
}
