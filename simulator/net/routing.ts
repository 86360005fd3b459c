/**
 * Which way a packet goes and what fw sees of it. No real routing tables: the
 * network is three segments around one firewall, so a handful of cases say it
 * exactly and cost nothing per connection (the bulk model calls this 50k times).
 *
 *   LAN 10.0.0.0/24 ──eth1── fw ──eth0── 203.0.113.0/24 ── gw.isp.example ── Internet
 *
 * - LAN ↔ LAN: direct, fw not involved.
 * - LAN → Internet: fw FORWARD (IN=eth1 OUT=eth0) sees the LAN address; SNAT happens
 *   after FORWARD (POSTROUTING), so the destination sees 203.0.113.10 (masquerade),
 *   or 203.0.113.25 for mail (1:1 NAT).
 * - Internet → 203.0.113.25: DNAT in PREROUTING, so FORWARD (IN=eth0 OUT=eth1)
 *   already sees DST=10.0.0.25; mail sees the real client address.
 * - to fw itself: INPUT; from fw: OUTPUT. Private addresses are not routed from outside.
 */
import { isPrivate } from './ip.ts';
import { hostByIp, networkOf, type Host, type Topology } from './topology.ts';

export type Chain = 'INPUT' | 'FORWARD' | 'OUTPUT';

/** One traversal of a fw chain, with the addresses as the filter table sees them. */
export type FirewallPass = {
  chain: Chain;
  inIf: string;
  outIf: string;
  srcIp: string;
  dstIp: string;
  ttl: number;
  /** Kernel LOG "MAC=" value (dst MAC, src MAC, ethertype), empty when there is no IN interface. */
  mac: string;
};

export type Route =
  | {
      ok: true;
      hops: string[];
      destination: Host;
      /** Address the destination host receives the packet on (after any DNAT). */
      destinationIp: string;
      sourceIp: string;
      sourceIpSeenByDestination: string;
      firewallChainsTraversed: Chain[];
      /** What fw sees of the first packet, and of the reply coming back. */
      passes: FirewallPass[];
      replyPasses: FirewallPass[];
    }
  | { ok: false; reason: 'unreachable'; hops: string[] };

const ISP_GW = 'gw.isp.example';
/** Internet hosts are this many routers away from fw (shows in logged TTLs). */
const INTERNET_HOPS = 11;

/** Deterministic locally-administered MAC per interface address. */
const macs = new Map<string, string>();
export function macFor(ip: string): string {
  let mac = macs.get(ip);
  if (!mac) {
    const [, b, c, d] = ip.split('.').map((x) => Number(x).toString(16).padStart(2, '0'));
    macs.set(ip, (mac = `52:54:00:${b}:${c}:${d}`));
  }
  return mac;
}

function initialTtl(h: Host): number {
  return h.os === 'windows' ? 128 : 64;
}

function pass(chain: Chain, inIf: string, outIf: string, srcIp: string, dstIp: string, ttl: number, inMacs?: [string, string]): FirewallPass {
  const mac = inMacs ? `${macFor(inMacs[0])}:${macFor(inMacs[1])}:08:00` : '';
  return { chain, inIf, outIf, srcIp, dstIp, ttl, mac };
}

export function route(t: Topology, from: Host, dstIp: string): Route {
  const fw = t.firewall;
  const fwHost = hostByIp(t, fw.internal.ip)!;
  const unreachable = (hops: string[]): Route => ({ ok: false, reason: 'unreachable', hops });
  const own = from.interfaces.map((i) => i.ip);
  const srcIp = own[0]!;

  if (own.includes(dstIp) || dstIp.startsWith('127.')) {
    return done([from.name], from, dstIp, dstIp, dstIp, [], []);
  }

  const fromNet = networkOf(t, srcIp);
  const dstNet = networkOf(t, dstIp);
  const nat = fw.staticNat.find((n) => n.publicIp === dstIp);
  const target = hostByIp(t, nat ? nat.insideIp : dstIp);
  if (!target) return unreachable([from.name]);

  // fw itself originating: OUTPUT, replies come back through INPUT.
  if (from === fwHost) {
    const inside = nat ? nat.insideIp : dstIp;
    const lan = networkOf(t, inside) === 'lan';
    const out = lan ? fw.internal : fw.external;
    const hops = lan ? [from.name, target.name] : [from.name, ...(target.name === ISP_GW ? [] : [ISP_GW]), target.name];
    const ttlBack = lan ? initialTtl(target) : initialTtl(target) - INTERNET_HOPS - 1;
    return done(hops, target, inside, out.ip, out.ip,
      [pass('OUTPUT', '', out.iface, out.ip, inside, 64)],
      [pass('INPUT', out.iface, '', inside, out.ip, ttlBack, [out.ip, lan ? inside : '203.0.113.1'])]);
  }

  if (fromNet === 'lan') {
    if (target === fwHost) {
      return done([from.name, fwHost.name], fwHost, dstIp, srcIp, srcIp,
        [pass('INPUT', fw.internal.iface, '', srcIp, dstIp, initialTtl(from), [fw.internal.ip, srcIp])],
        [pass('OUTPUT', '', fw.internal.iface, dstIp, srcIp, 64)]);
    }
    if (dstNet === 'lan' && !nat) return done([from.name, target.name], target, dstIp, srcIp, srcIp, [], []);
    if (nat) {
      // Hairpin: a LAN client using the public address. Modelled as DNAT only
      // (fw eth1 → eth1); clients normally get 10.0.0.25 from the internal DNS view.
      return done([from.name, fwHost.name, target.name], target, nat.insideIp, srcIp, srcIp,
        [pass('FORWARD', fw.internal.iface, fw.internal.iface, srcIp, nat.insideIp, initialTtl(from) - 1, [fw.internal.ip, srcIp])],
        [pass('FORWARD', fw.internal.iface, fw.internal.iface, nat.insideIp, srcIp, initialTtl(target) - 1, [fw.internal.ip, nat.insideIp])]);
    }
    if (isPrivate(dstIp)) return unreachable([from.name]);
    const snat = fw.staticNat.find((n) => n.insideIp === srcIp)?.publicIp ?? fw.masquerade.toIp;
    const hops = [from.name, fwHost.name, ...(target.name === ISP_GW ? [] : [ISP_GW]), target.name];
    return done(hops, target, dstIp, srcIp, snat,
      [pass('FORWARD', fw.internal.iface, fw.external.iface, srcIp, dstIp, initialTtl(from) - 1, [fw.internal.ip, srcIp])],
      [pass('FORWARD', fw.external.iface, fw.internal.iface, dstIp, srcIp, initialTtl(target) - INTERNET_HOPS - 2, [fw.external.ip, '203.0.113.1'])]);
  }

  // From the public segment or the Internet.
  if (isPrivate(dstIp)) return unreachable([from.name]);
  const viaGw = from.name === ISP_GW ? [from.name] : [from.name, ISP_GW];
  const arriveTtl = initialTtl(from) - (from.name === ISP_GW ? 0 : INTERNET_HOPS + 1);
  if (target === fwHost) {
    return done([...viaGw, fwHost.name], fwHost, dstIp, srcIp, srcIp,
      [pass('INPUT', fw.external.iface, '', srcIp, dstIp, arriveTtl, [fw.external.ip, '203.0.113.1'])],
      [pass('OUTPUT', '', fw.external.iface, dstIp, srcIp, 64)]);
  }
  if (nat) {
    return done([...viaGw, fwHost.name, target.name], target, nat.insideIp, srcIp, srcIp,
      [pass('FORWARD', fw.external.iface, fw.internal.iface, srcIp, nat.insideIp, arriveTtl - 1, [fw.external.ip, '203.0.113.1'])],
      [pass('FORWARD', fw.internal.iface, fw.external.iface, nat.insideIp, srcIp, initialTtl(target) - 1, [fw.internal.ip, nat.insideIp])]);
  }
  if (target.zone === 'corp') return unreachable(viaGw);
  return done(from.name === target.name ? [from.name] : [from.name, target.name], target, dstIp, srcIp, srcIp, [], []);
}

function done(
  hops: string[], destination: Host, destinationIp: string, sourceIp: string, seen: string,
  passes: FirewallPass[], replyPasses: FirewallPass[],
): Route {
  return {
    ok: true, hops, destination, destinationIp, sourceIp, sourceIpSeenByDestination: seen,
    firewallChainsTraversed: passes.map((p) => p.chain), passes, replyPasses,
  };
}
