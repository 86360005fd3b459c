/**
 * The filter table of fw.corp.example: three built-in chains, ordered rules,
 * per-rule counters and LOG. State is one plain object (numbers and strings), so
 * saved progress can snapshot it with JSON and a restored run continues exactly.
 * Addresses are stored as uint32 so a packet costs a few integer compares per rule.
 *
 * Not modelled: user-defined chains (-N/-X/-E), tables other than filter, IPv6.
 * The nat table is fixed (see routing.ts) and listed read-only by iptables.ts.
 */
import { syslogStamp } from '../core/time-format.ts';
import { formatIPv4, parseIPv4 } from './ip.ts';
import type { Chain } from './routing.ts';

export type { Chain } from './routing.ts';
export const CHAINS: readonly Chain[] = ['INPUT', 'FORWARD', 'OUTPUT'];

export type Verdict = 'ACCEPT' | 'DROP' | 'REJECT';
export type Target = Verdict | 'LOG' | 'RETURN' | '';
export type CtState = 'INVALID' | 'NEW' | 'RELATED' | 'ESTABLISHED' | 'UNTRACKED';
/** Print order used by libxt_conntrack, e.g. "RELATED,ESTABLISHED". */
export const CT_STATES: readonly CtState[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED'];

export type AddrMatch = { addr: number; mask: number; neg: boolean };
export type PortMatch = { min: number; max: number; neg: boolean };
export type IfaceMatch = { name: string; neg: boolean };

export type Rule = {
  src?: AddrMatch;
  dst?: AddrMatch;
  /** IP protocol number (6 tcp, 17 udp, 1 icmp); absent = all. */
  proto?: { num: number; neg: boolean };
  inIf?: IfaceMatch;
  outIf?: IfaceMatch;
  /** The tcp/udp match (`--sport`/`--dport`, or an explicit `-m tcp`). */
  l4?: { name: 'tcp' | 'udp'; sport?: PortMatch; dport?: PortMatch };
  state?: { module: 'conntrack' | 'state'; states: CtState[]; neg: boolean };
  target: Target;
  logPrefix?: string;
  logLevel?: number;
  rejectWith?: string;
  pkts: number;
  bytes: number;
};

export type ChainState = { policy: 'ACCEPT' | 'DROP'; pkts: number; bytes: number; rules: Rule[] };
export type FirewallState = {
  hostname: string;
  /** Simulated boot time (ms since epoch): the kernel log's uptime stamp counts from it. */
  bootedAt: number;
  chains: Record<Chain, ChainState>;
};

export type Packet = {
  srcIp: string;
  dstIp: string;
  proto: 'tcp' | 'udp' | 'icmp';
  sport: number;
  dport: number;
  inIf?: string;
  outIf?: string;
  ctState?: CtState;
  /** Header details used only in LOG lines. */
  len?: number;
  ttl?: number;
  id?: number;
  mac?: string;
  tcpFlags?: string;
  window?: number;
};

/**
 * Receives a LOG line as a renderer instead of text: the bulk model LOGs tens
 * of thousands of SYNs a day and most lines are never read. The renderer
 * gives exactly formatLogLine()'s text whenever it runs (it keeps the values
 * of this moment); the packet must not be changed afterwards.
 */
export type DeferredLog = (render: () => string) => void;

export type Evaluation = {
  verdict: Verdict;
  /** 1-based number of the deciding rule, 0 when the chain policy decided. */
  ruleNum: number;
  rejectWith?: string;
  /** LOG lines written (empty when they went to a DeferredLog). */
  logs: string[];
};

const PROTO_NUM = { tcp: 6, udp: 17, icmp: 1 } as const;

function emptyChain(): ChainState {
  return { policy: 'ACCEPT', pkts: 0, bytes: 0, rules: [] };
}

export class Firewall {
  state: FirewallState;

  constructor(state?: FirewallState, opts: { hostname?: string; bootedAt?: number } = {}) {
    this.state = state
      ? structuredClone(state)
      : {
          hostname: opts.hostname ?? 'fw',
          // About 3 days of uptime at the default scenario start (2026-03-03 09:00 UTC).
          bootedAt: opts.bootedAt ?? Date.UTC(2026, 1, 28, 6, 25, 43, 112),
          chains: { INPUT: emptyChain(), FORWARD: emptyChain(), OUTPUT: emptyChain() },
        };
  }

  /** A deep copy, safe to JSON.stringify and to keep while the firewall changes. */
  snapshot(): FirewallState {
    return structuredClone(this.state);
  }

  static restore(state: FirewallState): Firewall {
    return new Firewall(state);
  }

  chain(name: string): ChainState | undefined {
    return (CHAINS as readonly string[]).includes(name) ? this.state.chains[name as Chain] : undefined;
  }

  /**
   * Run one packet through a chain: count it on every matching rule, write LOG
   * lines, stop at the first ACCEPT/DROP/REJECT (or RETURN → policy).
   */
  evaluate(chainName: Chain, p: Packet, now: number, count = { pkts: 1, bytes: p.len ?? 60 }, deferLog?: DeferredLog): Evaluation {
    const chain = this.state.chains[chainName];
    const src = parseIPv4(p.srcIp) ?? 0;
    const dst = parseIPv4(p.dstIp) ?? 0;
    const logs: string[] = [];
    const rules = chain.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (!matches(r, p, src, dst)) continue;
      r.pkts += count.pkts;
      r.bytes += count.bytes;
      switch (r.target) {
        case 'LOG':
          if (deferLog) deferLog(deferredLogLine(this.state, r, p, now));
          else logs.push(formatLogLine(this.state, r, p, now));
          continue;
        case '':
          continue;
        case 'RETURN':
          i = rules.length;
          continue;
        default:
          return { verdict: r.target, ruleNum: i + 1, rejectWith: r.target === 'REJECT' ? r.rejectWith ?? 'icmp-port-unreachable' : undefined, logs };
      }
    }
    chain.pkts += count.pkts;
    chain.bytes += count.bytes;
    return { verdict: chain.policy, ruleNum: 0, logs };
  }
}

function addrOk(m: AddrMatch | undefined, ip: number): boolean {
  return !m || (((ip & m.mask) >>> 0) === m.addr) !== m.neg;
}

function portOk(m: PortMatch | undefined, port: number): boolean {
  return !m || (port >= m.min && port <= m.max) !== m.neg;
}

function ifaceOk(m: IfaceMatch | undefined, name: string | undefined): boolean {
  if (!m) return true;
  const n = name ?? '';
  const hit = m.name.endsWith('+') ? n.startsWith(m.name.slice(0, -1)) : n === m.name;
  return hit !== m.neg;
}

export function matches(r: Rule, p: Packet, src: number, dst: number): boolean {
  if (!addrOk(r.src, src) || !addrOk(r.dst, dst)) return false;
  if (r.proto && (PROTO_NUM[p.proto] === r.proto.num) === r.proto.neg) return false;
  if (!ifaceOk(r.inIf, p.inIf) || !ifaceOk(r.outIf, p.outIf)) return false;
  if (r.l4) {
    if (p.proto !== r.l4.name) return false;
    if (!portOk(r.l4.sport, p.sport) || !portOk(r.l4.dport, p.dport)) return false;
  }
  if (r.state && r.state.states.includes(p.ctState ?? 'NEW') === r.state.neg) return false;
  return true;
}

/** Shared with every other log writer; re-exported for existing callers. */
export { syslogStamp };

/**
 * A kernel LOG line as rsyslog writes it to /var/log/firewall.log (nf_log_ipv4
 * field order). Sub-millisecond digits of the uptime come from the IP ID so two
 * packets in one millisecond still differ, deterministically.
 */
export function formatLogLine(fw: FirewallState, r: Rule, p: Packet, now: number): string {
  return logLine(fw.hostname, fw.bootedAt, r.logPrefix, p, now);
}

function deferredLogLine(fw: FirewallState, r: Rule, p: Packet, now: number): () => string {
  const { hostname, bootedAt } = fw;
  const prefix = r.logPrefix;
  return () => logLine(hostname, bootedAt, prefix, p, now);
}

function logLine(hostname: string, bootedAt: number, logPrefix: string | undefined, p: Packet, now: number): string {
  const upUs = Math.max(0, now - bootedAt) * 1000 + ((p.id ?? 0) % 1000);
  const uptime = `${String(Math.floor(upUs / 1e6)).padStart(5, ' ')}.${String(upUs % 1e6).padStart(6, '0')}`;
  const l4 =
    p.proto === 'tcp'
      ? `PROTO=TCP SPT=${p.sport} DPT=${p.dport} WINDOW=${p.window ?? 64240} RES=0x00 ${p.tcpFlags ?? 'SYN'} URGP=0`
      : p.proto === 'udp'
        ? `PROTO=UDP SPT=${p.sport} DPT=${p.dport} LEN=${(p.len ?? 60) - 20}`
        : 'PROTO=ICMP TYPE=8 CODE=0';
  const mac = p.inIf ? ` MAC=${p.mac ?? ''}` : '';
  return (
    `${syslogStamp(now)} ${hostname} kernel: [${uptime}] ${logPrefix ?? ''}` +
    `IN=${p.inIf ?? ''} OUT=${p.outIf ?? ''}${mac} SRC=${p.srcIp} DST=${p.dstIp} LEN=${p.len ?? 60} ` +
    `TOS=0x00 PREC=0x00 TTL=${p.ttl ?? 64} ID=${p.id ?? 0} DF ${l4}`
  );
}

export function addrToString(m: AddrMatch): string {
  return formatIPv4(m.addr);
}
