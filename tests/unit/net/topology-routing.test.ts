import { describe, expect, it } from 'vitest';
import { cidrContains, formatIPv4, ipFromReverseName, parseCidr, parseIPv4, reverseName } from '../../../simulator/net/ip.ts';
import { route } from '../../../simulator/net/routing.ts';
import { buildDefaultTopology, hostByIp, hostByName, infectedHosts, workstations } from '../../../simulator/net/topology.ts';

const t = buildDefaultTopology({ seed: 7 });
const h = (n: string) => hostByName(t, n)!;

describe('ip', () => {
  it('parses, formats and reverses IPv4 exactly', () => {
    expect(parseIPv4('10.0.0.256')).toBeNull();
    expect(parseIPv4('10.0.0')).toBeNull();
    expect(formatIPv4(parseIPv4('203.0.113.25')!)).toBe('203.0.113.25');
    expect(reverseName('203.0.113.25')).toBe('25.113.0.203.in-addr.arpa');
    expect(ipFromReverseName('25.113.0.203.in-addr.arpa.')).toBe('203.0.113.25');
    expect(parseCidr('10.0.0.7/24')).toMatchObject({ prefix: 24, addr: parseIPv4('10.0.0.0') });
    expect(cidrContains('10.0.0.0/24', '10.0.0.117')).toBe(true);
    expect(cidrContains('10.0.0.0/24', '10.0.1.1')).toBe(false);
  });
});

describe('topology', () => {
  it('finds hosts by short name, full name and address', () => {
    expect(h('mail').name).toBe('mail.corp.example');
    expect(h('MAIL.corp.example.').short).toBe('mail');
    expect(hostByIp(t, '203.0.113.25')?.name).toBe('mail.corp.example');
    expect(hostByIp(t, '10.0.0.1')?.name).toBe('fw.corp.example');
    expect(h('outside').interfaces[0]!.ip).toBe('192.0.2.50');
    expect(hostByName(t, 'nosuch')).toBeUndefined();
  });

  it('has 24 workstations from 10.0.0.101, each with a user, 2–4 infected', () => {
    const ws = workstations(t);
    expect(ws).toHaveLength(24);
    expect(ws[0]!.short).toBe('ws01');
    expect(ws[23]!.interfaces[0]!.ip).toBe('10.0.0.124');
    expect(new Set(ws.map((w) => w.user)).size).toBe(24);
    const inf = infectedHosts(t);
    expect(inf.length).toBeGreaterThanOrEqual(2);
    expect(inf.length).toBeLessThanOrEqual(4);
    expect(inf.every((x) => x.role === 'workstation')).toBe(true);
  });

  it('is a plain serialisable object and takes explicit infected hosts', () => {
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    const t2 = buildDefaultTopology({ seed: 7, workstations: 30, infected: ['ws03', 17] });
    expect(infectedHosts(t2).map((x) => x.short)).toEqual(['ws03', 'ws17']);
    expect(workstations(t2)).toHaveLength(30);
  });

  it('is deterministic per seed, and seeds differ', () => {
    const pick = (s: number) => infectedHosts(buildDefaultTopology({ seed: s })).map((x) => x.short);
    expect(pick(7)).toEqual(pick(7));
    expect(buildDefaultTopology({ seed: 7 })).toEqual(buildDefaultTopology({ seed: 7 }));
    const all = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => pick(s).join()));
    expect(all.size).toBeGreaterThan(1);
  });
});

describe('routing', () => {
  it('workstation → Internet goes through fw FORWARD and is masqueraded', () => {
    const r = route(t, h('ws05'), '198.51.100.7');
    if (!r.ok) throw new Error('unreachable');
    expect(r.firewallChainsTraversed).toEqual(['FORWARD']);
    expect(r.passes[0]).toMatchObject({ srcIp: '10.0.0.105', inIf: 'eth1', outIf: 'eth0', ttl: 127 });
    expect(r.sourceIpSeenByDestination).toBe('203.0.113.10');
    expect(r.hops).toEqual(['ws05.corp.example', 'fw.corp.example', 'gw.isp.example', 'mx.example.net']);
  });

  it('mail → Internet: fw sees 10.0.0.25, the world sees 203.0.113.25 (1:1 NAT)', () => {
    const r = route(t, h('mail'), '198.51.100.20');
    if (!r.ok) throw new Error('unreachable');
    expect(r.passes[0]!.srcIp).toBe('10.0.0.25');
    expect(r.sourceIpSeenByDestination).toBe('203.0.113.25');
  });

  it('outside → 203.0.113.25 reaches mail through FORWARD, DNATed to 10.0.0.25', () => {
    const r = route(t, h('outside'), '203.0.113.25');
    if (!r.ok) throw new Error('unreachable');
    expect(r.destination.name).toBe('mail.corp.example');
    expect(r.destinationIp).toBe('10.0.0.25');
    expect(r.passes[0]).toMatchObject({ chain: 'FORWARD', inIf: 'eth0', outIf: 'eth1', srcIp: '192.0.2.50', dstIp: '10.0.0.25' });
    expect(r.sourceIpSeenByDestination).toBe('192.0.2.50');
  });

  it('LAN to LAN is direct; fw itself uses INPUT/OUTPUT; private space is unreachable from outside', () => {
    const lan = route(t, h('ops'), '10.0.0.25');
    expect(lan.ok && lan.firewallChainsTraversed).toEqual([]);
    const toFw = route(t, h('ops'), '10.0.0.1');
    expect(toFw.ok && toFw.firewallChainsTraversed).toEqual(['INPUT']);
    const fromFw = route(t, h('fw'), '198.51.100.7');
    expect(fromFw.ok && fromFw.firewallChainsTraversed).toEqual(['OUTPUT']);
    expect(route(t, h('outside'), '10.0.0.25').ok).toBe(false);
    expect(route(t, h('ops'), '10.0.0.250').ok).toBe(false);
  });
});
