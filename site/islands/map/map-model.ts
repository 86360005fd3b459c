/**
 * What the network map shows, as data: hand-laid positions for the lab's topology (no layout
 * engine: the network is small and fixed, so positions are deterministic), and the marks the
 * learner has earned — where they are, which infected desks they have found, which addresses are
 * listed, the relay as the outside world sees it — plus the flows to draw. No DOM here, so the
 * rules are tested headless (tests/unit/site/map-model.test.ts).
 *
 * "Found" (the map must not give the answer away): an infected desk is marked only once output the
 * learner has seen in the terminal names it — by short name or LAN address — on the same line as a
 * connection to TCP port 25 of an address outside the LAN (`ss -tnp` on the desk, fw's
 * firewall.log `SRC=… DST=… DPT=25`, a tcpdump line), or as the `SRC=` of a fw log line (what
 * `grep OUTBOUND25 … | sort | uniq -c` leaves of them). A desk talking to the company's own mail
 * server is what every desk does and is not evidence.
 */
import type { NetEvent } from '../../../simulator/core/events.ts';
import { hostByIp, hostByName, type Host, type Topology } from '../../../simulator/net/topology.ts';
import { FW_PUBLIC_IP, MAIL_PUBLIC_IP } from '../../../simulator/net/corp-hosts.ts';
// `msg`, not `t`: a topology is `t` throughout this file.
import { t as msg } from '../../../simulator/i18n/t.ts';

export type Zone = 'internet' | 'dmz' | 'lan';
export type MapNode = { id: string; label: string; sub: string; x: number; y: number; zone: Zone; kind: Host['role'] | 'nat' };
export type RelayState = { state: 'unknown' } | { state: 'open'; accepted: number } | { state: 'closed' } | { state: 'unreachable'; why: string };
export type Flow = { from: string; to: string; port: number; ok: boolean; dropAt?: 'fw' | 'target'; label: string; at: number };

export const VIEW_WIDTH = 360;
const DESK_COLS = 8;
const DESK_ROW = 44;
const DESKS_TOP = 318;
type ZoneBox = { y: number; h: number; label: string };

/** The three bands; the LAN is as tall as its rows of desks. */
export function zoneBoxes(t: Topology): Record<Zone, ZoneBox> {
  const rows = Math.ceil(t.hosts.filter((h) => h.role === 'workstation').length / DESK_COLS);
  const lan = t.networks.find((n) => n.id === 'lan')?.cidrs[0] ?? '10.0.0.0/24';
  return {
    internet: { y: 4, h: 150, label: msg('map.zone-internet') },
    dmz: { y: 162, h: 56, label: msg('map.zone-dmz') },
    lan: { y: 226, h: DESKS_TOP - 226 + Math.min(rows, 5) * DESK_ROW - 18, label: msg('map.zone-lan', { cidr: lan }) },
  };
}

export function viewHeight(t: Topology): number {
  const lan = zoneBoxes(t).lan;
  return lan.y + lan.h + 4;
}

const short = (h: Host) => (h.zone === 'corp' ? h.short : h.name);

/** The nodes of a topology, placed by hand: Internet on top, fw and the public block between, the LAN below. */
export function layout(t: Topology): MapNode[] {
  const nodes: MapNode[] = [];
  const at = (h: Host | undefined, x: number, y: number, zone: Zone, label = h ? short(h) : '') => {
    if (h) nodes.push({ id: h.name, label, sub: h.interfaces[0]?.ip ?? '', x, y, zone, kind: h.role });
  };
  const by = (n: string) => hostByName(t, n);
  const internet = t.hosts.filter((h) => h.zone === 'internet');
  // Row 1: who talks to the company; row 2: where mail goes.
  at(by('outside'), 45, 50, 'internet', 'outside');
  at(by('spammer'), 125, 50, 'internet', 'spammer');
  at(internet.find((h) => h.role === 'dnsbl'), 215, 50, 'internet', msg('map.node-blocklist'));
  at(internet.find((h) => h.role === 'isp'), 305, 50, 'internet', msg('map.node-isp'));
  const mxs = internet.filter((h) => h.role === 'mx');
  mxs.forEach((h, i) => at(h, 45 + (i * 270) / Math.max(1, mxs.length - 1), 118, 'internet', msg('map.node-mx', { domain: h.name.replace(/^mx\./, '') })));
  at(internet.find((h) => h.role === 'router'), 45, 190, 'dmz', msg('map.node-gateway'));
  const fw = t.hosts.find((h) => h.role === 'firewall');
  if (fw) nodes.push({ id: fw.name, label: 'fw', sub: msg('map.nat', { ip: FW_PUBLIC_IP }), x: 170, y: 190, zone: 'dmz', kind: 'firewall' });
  nodes.push({ id: 'nat:mail', label: msg('map.node-mail-public'), sub: MAIL_PUBLIC_IP, x: 295, y: 190, zone: 'dmz', kind: 'nat' });
  at(by('ops'), 45, 262, 'lan');
  at(by('ns'), 170, 262, 'lan');
  at(by('mail'), 295, 262, 'lan', 'mail');
  const desks = t.hosts.filter((h) => h.role === 'workstation');
  const rows = Math.ceil(desks.length / DESK_COLS);
  // Up to 5 rows (40 desks) at full size; a bigger company is packed into the same room.
  const rowH = rows <= 5 ? DESK_ROW : (5 * DESK_ROW) / rows;
  desks.forEach((h, i) => at(h, 24 + (i % DESK_COLS) * 44.5, DESKS_TOP + Math.floor(i / DESK_COLS) * rowH, 'lan'));
  return nodes;
}

const isLan = (ip: string) => ip.startsWith('10.');

/** Is this output line evidence that `desk` sends to TCP/25 outside the LAN? (see the file comment) */
export function isSpamEvidence(line: string, desk: Host): boolean {
  const ip = desk.interfaces[0]?.ip ?? '';
  const names = new RegExp(`(^|[^\\w.-])(${desk.short}|${ip.replace(/\./g, '\\.')})(?![\\w-]|\\.\\d)`, 'i');
  if (!names.test(line)) return false;
  if (line.includes(`SRC=${ip} `) || line.endsWith(`SRC=${ip}`)) return true;
  for (const m of line.matchAll(/(\d{1,3}(?:\.\d{1,3}){3})[:.]25\b/g)) if (!isLan(m[1]!)) return true;
  const dst = /DST=(\d{1,3}(?:\.\d{1,3}){3})/.exec(line);
  return /DPT=25\b/.test(line) && !!dst && !isLan(dst[1]!);
}

export class MapModel {
  readonly nodes: MapNode[];
  here: string;
  readonly found = new Set<string>();
  listed: string[] = [];
  relay: RelayState = { state: 'unknown' };
  private partial = '';
  private readonly byId = new Map<string, MapNode>();

  constructor(
    readonly topology: Topology,
    startHost: string,
  ) {
    this.nodes = layout(topology);
    for (const n of this.nodes) this.byId.set(n.id, n);
    this.here = hostByName(topology, startHost)?.name ?? startHost;
  }

  node(id: string): MapNode | undefined {
    return this.byId.get(id);
  }

  /** The node of a host name, a short name or an address (mail's public address is its own node). */
  nodeFor(nameOrIp: string | undefined): MapNode | undefined {
    if (!nameOrIp) return undefined;
    if (nameOrIp === MAIL_PUBLIC_IP) return this.byId.get('nat:mail');
    const h = /^\d+\.\d+\.\d+\.\d+$/.test(nameOrIp) ? hostByIp(this.topology, nameOrIp) : hostByName(this.topology, nameOrIp);
    return h ? this.byId.get(h.name) : undefined;
  }

  /** Terminal output as written (ANSI included); whole lines are read for evidence. Returns true when a desk was found. */
  readOutput(text: string): boolean {
    const lines = (this.partial + text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? '';
    if (this.partial.length > 4096) this.partial = '';
    let changed = false;
    for (const line of lines) {
      if (!/25|SRC=/.test(line)) continue;
      for (const h of this.topology.hosts) {
        if (h.role !== 'workstation' || !h.infected || this.found.has(h.name)) continue;
        if (isSpamEvidence(line, h)) {
          this.found.add(h.name);
          changed = true;
        }
      }
    }
    return changed;
  }

  /** An event of the stream turned into what the map draws; probes and events without a place are not drawn. */
  flowOf(e: NetEvent): Flow | undefined {
    if (e.type === 'host-change') {
      this.here = this.nodeFor(e.to)?.id ?? this.here;
      return undefined;
    }
    if (e.type !== 'connect' || e.probe) return undefined;
    const from = this.nodeFor(e.from);
    const to = this.nodeFor(e.toHost) ?? this.nodeFor(e.target);
    if (!from || !to) return undefined;
    const ok = e.verdict === 'accepted';
    const dropAt = ok ? undefined : e.rule ? 'fw' : 'target';
    const verdict = ok ? msg('map.flow-connected') : e.rule ? msg('map.flow-dropped', { chain: e.rule.chain, num: e.rule.num, target: e.rule.target }) : e.verdict;
    return { from: from.id, to: to.id, port: e.port, ok, dropAt, at: e.at, label: msg('map.flow', { from: from.label, to: to.label, port: e.port, verdict }) };
  }

  /** Points a flow passes: through fw when it crosses between the LAN and the Internet. */
  path(flow: Flow): Array<{ x: number; y: number }> {
    const a = this.byId.get(flow.from)!;
    const b = this.byId.get(flow.to)!;
    const fw = this.nodes.find((n) => n.kind === 'firewall');
    const crosses = fw && a.id !== fw.id && b.id !== fw.id && (a.zone === 'lan') !== (b.zone === 'lan');
    if (!crosses) return [a, b];
    if (flow.dropAt === 'fw') return [a, fw];
    return [a, fw, b];
  }

  setListed(listings: Record<string, unknown>): boolean {
    const next = Object.keys(listings).sort();
    if (next.join() === this.listed.join()) return false;
    this.listed = next;
    return true;
  }
}

export function relayText(r: RelayState): string {
  switch (r.state) {
    case 'unknown':
      return msg('map.relay-unknown');
    case 'open':
      return msg('map.relay-open', { accepted: r.accepted });
    case 'closed':
      return msg('map.relay-closed');
    case 'unreachable':
      return msg('map.relay-unreachable', { why: r.why });
  }
}
