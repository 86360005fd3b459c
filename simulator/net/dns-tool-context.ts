/**
 * What `dig` and `host` share: the context they run in (which host asks, when,
 * with which random stream) and which resolver answers them, as seen from that host.
 */
import type { SeededRandom } from '../core/rng.ts';
import { resolveA, type View } from './dns.ts';
import type { DnsblState } from './dnsbl.ts';
import { isIPv4 } from './ip.ts';
import { hostByIp, type Host, type Topology } from './topology.ts';

export type CommandResult = { stdout: string; stderr: string; exitCode: number };
export type DnsToolContext = { topology: Topology; dnsbl?: DnsblState; from: Host; now: number; rng?: SeededRandom };

/** A resolver that answers: its address, the DNS view it serves, and whether it recurses for anyone. */
export type Server = { ip: string; view: View; open: boolean; authoritativeFor?: string };

/** Which resolvers answer, and whom: the company one only from inside. */
export function serverFor(ctx: DnsToolContext, at: string | undefined): Server | 'unreachable' | 'refused' | 'unknown' {
  const t = ctx.topology;
  const ip = at === undefined ? (ctx.from.zone === 'corp' ? t.resolvers.internal : t.resolvers.public) : isIPv4(at) ? at : resolveA(t, at, ctx.from);
  if (!ip) return 'unknown';
  if (ip === t.resolvers.internal) return ctx.from.zone === 'corp' ? { ip, view: 'internal', open: false } : 'unreachable';
  if (ip === t.resolvers.public) return { ip, view: 'external', open: true };
  const h = hostByIp(t, ip);
  if (h?.role === 'dnsbl') return { ip, view: 'external', open: false };
  return h ? 'refused' : 'unreachable';
}
