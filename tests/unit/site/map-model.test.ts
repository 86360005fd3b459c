/**
 * The network map's rules, headless: positions are hand-laid and deterministic, an infected desk is
 * marked only on evidence the learner was shown (never from the topology alone), probes draw
 * nothing, `ssh` moves "you are here", and a drop by fw ends at fw.
 */
import { describe, expect, it } from 'vitest';
import { buildDefaultTopology, infectedHosts, workstations } from '../../../simulator/net/topology.ts';
import { MapModel, isSpamEvidence, layout, viewHeight, VIEW_WIDTH } from '../../../site/islands/map/map-model.ts';
import type { NetEvent } from '../../../simulator/core/events.ts';

const topology = buildDefaultTopology({ seed: 7 });
const [bot] = infectedHosts(topology);
const clean = workstations(topology).find((h) => !h.infected)!;
const ipOf = (h: { interfaces: { ip: string }[] }) => h.interfaces[0]!.ip;
const connect = (over: Partial<Extract<NetEvent, { type: 'connect' }>>): NetEvent => ({
  type: 'connect', at: 0, from: 'outside.example.org', target: 'mail.corp.example', toHost: 'mail.corp.example', port: 25, verdict: 'accepted', via: 'wire', probe: false, ...over,
});

describe('network map model', () => {
  it('places every company host, the Internet side and the public address, inside the picture, without overlaps', () => {
    const nodes = layout(topology);
    expect(layout(topology)).toEqual(nodes);
    const ids = new Set(nodes.map((n) => n.id));
    for (const h of topology.hosts.filter((x) => x.zone === 'corp')) expect(ids.has(h.name)).toBe(true);
    for (const n of ['outside.example.org', 'ns1.dnsbl.example', 'mail.isp.example', 'mx.example.net', 'gw.isp.example', 'nat:mail']) expect(ids.has(n)).toBe(true);
    const h = viewHeight(topology);
    for (const n of nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(VIEW_WIDTH);
      expect(n.y).toBeLessThan(h);
    }
    for (const a of nodes) for (const b of nodes) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(20);
  });

  it('marks an infected desk only when output names it with TCP/25 outside the LAN', () => {
    const m = new MapModel(topology, 'ops');
    expect(m.found.size).toBe(0);
    // Mail to the company's own server is what every desk does.
    m.readOutput(`ESTAB 0 0 ${ipOf(bot!)}:51234 10.0.0.25:25 users:(("outlook",pid=812))\n`);
    expect(m.found.size).toBe(0);
    // A clean desk named with outbound 25 is not marked: only infected desks are.
    m.readOutput(`ESTAB 0 0 ${ipOf(clean)}:51234 198.51.100.7:25\n`);
    expect(m.found.size).toBe(0);
    // Arriving in pieces, with colour codes, as the terminal gets it.
    expect(m.readOutput(`\x1b[0mDec  2 08:00:01 fw kernel: OUTBOUND25: IN=eth1 OUT=eth0 SRC=${ipOf(bot!)} DST=198.51.`)).toBe(false);
    expect(m.readOutput(`100.7 LEN=60 PROTO=TCP SPT=40000 DPT=25 WINDOW=64240 SYN\r\n`)).toBe(true);
    expect([...m.found]).toEqual([bot!.name]);
  });

  it('takes the SRC= lines a uniq -c leaves, and does not confuse ws1 with ws10', () => {
    expect(isSpamEvidence(`      5 SRC=${ipOf(bot!)}`, bot!)).toBe(true);
    const ws1 = { ...bot!, short: 'ws1', interfaces: [{ name: 'eth0', ip: '10.0.0.1', network: 'lan' as const }] };
    expect(isSpamEvidence('ws10 10.0.0.110:4000 198.51.100.7:25', ws1)).toBe(false);
  });

  it('draws no probe, moves "you are here" on ssh, and ends a fw drop at fw', () => {
    const m = new MapModel(topology, 'ops');
    expect(m.here).toBe('ops.corp.example');
    expect(m.flowOf(connect({ probe: true }))).toBeUndefined();
    const flow = m.flowOf(connect({}))!;
    expect(flow.label).toBe('outside → mail:25 connected');
    expect(m.flowOf({ type: 'host-change', at: 0, from: 'ops', to: 'fw' })).toBeUndefined();
    expect(m.here).toBe('fw.corp.example');
    const drop = m.flowOf(connect({ from: bot!.name, target: 'mx.example.net', toHost: undefined, verdict: 'timeout', rule: { chain: 'FORWARD', num: 2, target: 'DROP' } }))!;
    expect(drop.dropAt).toBe('fw');
    expect(m.path(drop).map((p) => (p as { id?: string }).id)).toEqual([bot!.name, 'fw.corp.example']);
    expect(drop.label).toContain('dropped by fw (FORWARD rule 2, DROP)');
  });
});
