/**
 * What happens when a host opens a TCP connection: the one decision shared by
 * the wire transport (telnet, swaks, the mail server's own deliveries) and the
 * bulk traffic model, so the two can never disagree. It resolves the name the
 * way the client would, walks the route, runs the SYN (and the server's answer)
 * through fw's chains — counting and LOGging like the kernel — and checks for a
 * listener. Cheap by design: no allocation beyond the result, no string parsing
 * of rules (tens of thousands of calls per simulated day).
 */
import type { SeededRandom } from '../core/rng.ts';
import { resolveA } from './dns.ts';
import type { DeferredLog, Evaluation, Firewall, Packet } from './firewall.ts';
import { route, type FirewallPass, type Route } from './routing.ts';
import { hostByName, type Host, type Topology } from './topology.ts';

/** Listening services: keys "fqdn:port" (or "ip:port"), or a predicate. */
export type Listening = ReadonlySet<string> | ((host: Host, port: number) => boolean);
export const listeningKey = (host: string, port: number) => `${host}:${port}`;

export type ConnectRequest = { from: string | Host; to: string; port: number; proto?: 'tcp' | 'udp'; sport?: number };
export type ConnectContext = {
  topology: Topology;
  firewall: Firewall;
  listening: Listening;
  now: number;
  rng: SeededRandom;
  /** Receives each kernel LOG line as it is written (e.g. append to /var/log/firewall.log). */
  onLog?: (line: string) => void;
  /**
   * When set, LOG lines go here as renderers instead (formatted only when
   * read: the bulk model's day has tens of thousands), and neither onLog nor
   * the outcome's `logs` sees them.
   */
  onLogDeferred?: DeferredLog;
  /**
   * An auditor's connection (the grader's probes): the packets are judged by
   * the same chains but counted nowhere and LOGged nowhere, so grading leaves
   * the learner's counters and firewall.log as they were.
   */
  dry?: boolean;
};

const NO_COUNT = { pkts: 0, bytes: 0 };
const DISCARD: DeferredLog = () => undefined;

/** The fw rule that stopped the SYN (or the server's answer), when one did. */
export type StoppedBy = { chain: string; num: number; target: string };
type Common = { logs: string[]; route?: Extract<Route, { ok: true }>; stoppedBy?: StoppedBy };
export type ConnectOutcome =
  | (Common & { kind: 'accepted'; server: Host; serverIp: string; dialedIp: string; sourceIpSeen: string; sourcePort: number })
  | (Common & { kind: 'refused'; reason: 'no-listener' | 'rejected'; message: 'Connection refused' })
  | (Common & { kind: 'timeout'; message: 'Connection timed out' })
  | (Common & { kind: 'unreachable'; message: 'No route to host' | 'Network is unreachable' })
  | (Common & { kind: 'unknown-host'; message: 'Name or service not known' });

/** Which ICMP error (or RST) a REJECT sends back, as the client's socket reports it. */
function rejected(with_: string | undefined, common: Common): ConnectOutcome {
  switch (with_) {
    case 'icmp-host-unreachable': case 'icmp-host-prohibited': case 'icmp-admin-prohibited':
      return { ...common, kind: 'unreachable', message: 'No route to host' };
    case 'icmp-net-unreachable': case 'icmp-net-prohibited':
      return { ...common, kind: 'unreachable', message: 'Network is unreachable' };
    default:
      return { ...common, kind: 'refused', reason: 'rejected', message: 'Connection refused' };
  }
}

function isListening(l: Listening, h: Host, ip: string, port: number): boolean {
  if (typeof l === 'function') return l(h, port);
  return l.has(listeningKey(h.name, port)) || l.has(listeningKey(ip, port)) || l.has(listeningKey(h.short, port));
}

/**
 * Routes per (source host, destination address). The topology never changes
 * during a run and a route is only read, so the bulk model's tens of
 * thousands of connections share a handful of them.
 */
const routes = new WeakMap<Topology, Map<Host, Map<string, Route>>>();
function cachedRoute(t: Topology, from: Host, ip: string): Route {
  let byHost = routes.get(t);
  if (!byHost) routes.set(t, (byHost = new Map()));
  let byIp = byHost.get(from);
  if (!byIp) byHost.set(from, (byIp = new Map()));
  let r = byIp.get(ip);
  if (!r) byIp.set(ip, (r = route(t, from, ip)));
  return r;
}

/** One packet (the SYN, or the server's answer) through one fw chain; LOG lines go to `logs` and ctx.onLog. */
function runPass(
  ctx: ConnectContext, p: FirewallPass, proto: 'tcp' | 'udp', windows: boolean, sport: number, port: number,
  reply: boolean, flags: string, logs: string[],
): Evaluation {
  const pkt: Packet = {
    srcIp: p.srcIp, dstIp: p.dstIp, proto,
    sport: reply ? port : sport, dport: reply ? sport : port,
    inIf: p.inIf || undefined, outIf: p.outIf || undefined,
    ctState: reply ? 'ESTABLISHED' : 'NEW',
    len: !reply && windows ? 52 : 60, ttl: p.ttl, id: ctx.rng.int(1, 65535), mac: p.mac,
    tcpFlags: flags, window: reply ? 65160 : 64240,
  };
  const ev = ctx.dry ? ctx.firewall.evaluate(p.chain, pkt, ctx.now, NO_COUNT, DISCARD) : ctx.firewall.evaluate(p.chain, pkt, ctx.now, undefined, ctx.onLogDeferred);
  for (const line of ev.logs) {
    logs.push(line);
    ctx.onLog?.(line);
  }
  return ev;
}

function stoppedBy(p: FirewallPass, ev: Evaluation): StoppedBy {
  return { chain: p.chain, num: ev.ruleNum, target: ev.ruleNum ? ev.verdict : `policy ${ev.verdict}` };
}

export function connect(ctx: ConnectContext, req: ConnectRequest): ConnectOutcome {
  const t = ctx.topology;
  const logs: string[] = [];
  const from = typeof req.from === 'string' ? hostByName(t, req.from) : req.from;
  if (!from) throw new Error(`connect: unknown source host ${String(req.from)}`);
  const ip = resolveA(t, req.to, from);
  if (!ip) return { kind: 'unknown-host', message: 'Name or service not known', logs };
  const r = cachedRoute(t, from, ip);
  if (!r.ok) return { kind: 'unreachable', message: 'No route to host', logs };
  const proto = req.proto ?? 'tcp';
  const windows = from.os === 'windows';
  const sport = req.sport ?? (windows ? ctx.rng.int(49152, 65535) : ctx.rng.int(32768, 60999));

  for (const p of r.passes) {
    const ev = runPass(ctx, p, proto, windows, sport, req.port, false, 'SYN', logs);
    if (ev.verdict === 'DROP') return { logs, route: r, kind: 'timeout', message: 'Connection timed out', stoppedBy: stoppedBy(p, ev) };
    if (ev.verdict === 'REJECT') return rejected(ev.rejectWith, { logs, route: r, stoppedBy: stoppedBy(p, ev) });
  }
  const open = isListening(ctx.listening, r.destination, r.destinationIp, req.port);
  // The server's answer (SYN-ACK, or RST when closed) must get back through fw too.
  for (const p of r.replyPasses) {
    const ev = runPass(ctx, p, proto, windows, sport, req.port, true, open ? 'ACK SYN' : 'ACK RST', logs);
    if (ev.verdict !== 'ACCEPT') return { logs, route: r, kind: 'timeout', message: 'Connection timed out', stoppedBy: stoppedBy(p, ev) };
  }
  if (!open) return { logs, route: r, kind: 'refused', reason: 'no-listener', message: 'Connection refused' };
  // Plain literals, not `...common`: spreading then adding fields makes a slow (dictionary) object on every connection.
  return {
    logs, route: r, kind: 'accepted', server: r.destination, serverIp: r.destinationIp, dialedIp: ip,
    sourceIpSeen: r.sourceIpSeenByDestination, sourcePort: sport,
  };
}
