import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../simulator/core/rng.ts';
import { connect, listeningKey, type ConnectContext } from '../../../simulator/net/connect-outcome.ts';
import { Firewall } from '../../../simulator/net/firewall.ts';
import { iptables } from '../../../simulator/net/iptables.ts';
import { buildDefaultTopology, infectedHosts } from '../../../simulator/net/topology.ts';

const NOW = Date.UTC(2026, 2, 3, 9, 14, 2);
const LISTENING = new Set([
  listeningKey('mail.corp.example', 25), listeningKey('mail.corp.example', 587),
  listeningKey('mx.example.net', 25), listeningKey('mx.bigmail.example', 25),
]);

function ctx(seed = 3): ConnectContext & { lines: string[] } {
  const lines: string[] = [];
  return { topology: buildDefaultTopology({ seed }), firewall: new Firewall(), listening: LISTENING, now: NOW, rng: new SeededRandom(seed), onLog: (l) => lines.push(l), lines };
}

function blockOutbound25(fw: Firewall): void {
  for (const a of [
    ['-I', 'FORWARD', '-p', 'tcp', '--dport', '25', '-s', '10.0.0.25', '-j', 'ACCEPT'],
    ['-A', 'FORWARD', '-p', 'tcp', '--dport', '25', '-j', 'LOG', '--log-prefix', 'OUTBOUND25: '],
    ['-A', 'FORWARD', '-p', 'tcp', '--dport', '25', '-j', 'DROP'],
  ]) expect(iptables(fw, a).exitCode).toBe(0);
}

describe('connect', () => {
  it('by default everything gets through; the Internet sees the NAT address', () => {
    const c = ctx();
    const ws = connect(c, { from: 'ws07', to: 'mx.example.net', port: 25 });
    expect(ws).toMatchObject({ kind: 'accepted', sourceIpSeen: '203.0.113.10', serverIp: '198.51.100.7' });
    const mail = connect(c, { from: 'mail', to: 'mx.example.net', port: 25 });
    expect(mail).toMatchObject({ kind: 'accepted', sourceIpSeen: '203.0.113.25' });
    const probe = connect(c, { from: 'outside', to: 'mail.corp.example', port: 25 });
    expect(probe).toMatchObject({ kind: 'accepted', dialedIp: '203.0.113.25', serverIp: '10.0.0.25', sourceIpSeen: '192.0.2.50' });
    expect(connect(c, { from: 'ops', to: 'mail', port: 25 })).toMatchObject({ kind: 'accepted', sourceIpSeen: '10.0.0.10' });
    expect(c.firewall.state.chains.FORWARD.pkts).toBe(6); // three SYNs and three SYN-ACKs
  });

  it('blocking outbound 25 times out workstations but not the mail server or submission', () => {
    const c = ctx();
    blockOutbound25(c.firewall);
    expect(connect(c, { from: 'ws07', to: 'mx.example.net', port: 25 })).toMatchObject({ kind: 'timeout', message: 'Connection timed out' });
    expect(connect(c, { from: 'mail', to: 'mx.bigmail.example', port: 25 }).kind).toBe('accepted');
    expect(connect(c, { from: 'ws07', to: 'mail', port: 587 }).kind).toBe('accepted');
    expect(connect(c, { from: 'ws07', to: '203.0.113.25', port: 587 }).kind).toBe('accepted');
    const rules = c.firewall.state.chains.FORWARD.rules;
    expect(rules.map((r) => r.pkts)).toEqual([1, 1, 1]);
    expect(c.lines).toHaveLength(1);
  });

  it('reports refused, rejected, unreachable and unknown host', () => {
    const c = ctx();
    expect(connect(c, { from: 'ops', to: 'mail', port: 110 })).toMatchObject({ kind: 'refused', reason: 'no-listener' });
    expect(connect(c, { from: 'ops', to: 'nosuch.example', port: 25 }).kind).toBe('unknown-host');
    expect(connect(c, { from: 'outside', to: 'mail', port: 25 }).kind).toBe('unknown-host');
    expect(connect(c, { from: 'outside', to: '10.0.0.25', port: 25 }).kind).toBe('unreachable');
    iptables(c.firewall, ['-A', 'FORWARD', '-p', 'tcp', '--dport', '25', '!', '-s', '10.0.0.25', '-j', 'REJECT', '--reject-with', 'tcp-reset']);
    expect(connect(c, { from: 'ws01', to: 'mx.example.net', port: 25 })).toMatchObject({ kind: 'refused', reason: 'rejected' });
    iptables(c.firewall, ['-I', 'FORWARD', '-s', '10.0.0.102', '-j', 'REJECT', '--reject-with', 'icmp-host-prohibited']);
    expect(connect(c, { from: 'ws02', to: 'mx.example.net', port: 80 })).toMatchObject({ kind: 'unreachable', message: 'No route to host' });
  });

  it('a default-deny FORWARD needs an ESTABLISHED rule for replies', () => {
    const c = ctx();
    iptables(c.firewall, ['-P', 'FORWARD', 'DROP']);
    iptables(c.firewall, ['-A', 'FORWARD', '-s', '10.0.0.25', '-p', 'tcp', '--dport', '25', '-j', 'ACCEPT']);
    expect(connect(c, { from: 'mail', to: 'mx.example.net', port: 25 }).kind).toBe('timeout');
    iptables(c.firewall, ['-I', 'FORWARD', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT']);
    expect(connect(c, { from: 'mail', to: 'mx.example.net', port: 25 }).kind).toBe('accepted');
  });
});

describe('firewall log for the zombie hunt', () => {
  function hunt(seed: number): string[] {
    const c = ctx(seed);
    blockOutbound25(c.firewall);
    const zombies = infectedHosts(c.topology);
    for (let i = 0; i < 5; i++) {
      for (const z of zombies) connect(c, { from: z, to: i % 2 ? 'mx.bigmail.example' : 'mx.example.net', port: 25 });
      connect(c, { from: 'mail', to: 'mx.example.net', port: 25 });
      connect(c, { from: 'ws01', to: 'mail', port: 587 });
      c.now += 1500;
    }
    return c.lines;
  }

  it('writes one greppable line per blocked SYN, countable per source', () => {
    const lines = hunt(11);
    const zombies = infectedHosts(buildDefaultTopology({ seed: 11 })).map((h) => h.interfaces[0]!.ip);
    expect(lines).toHaveLength(zombies.length * 5);
    for (const l of lines) {
      expect(l.split('\n')).toHaveLength(1);
      expect(l).toMatch(/ OUTBOUND25: IN=eth1 OUT=eth0 /);
      expect(l).toMatch(/ SRC=10\.0\.0\.\d+ /);
      expect(l).toMatch(/ DPT=25 /);
    }
    // What `grep OUTBOUND25 | awk '{for(i=1;i<=NF;i++) if($i~/^SRC=/) print $i}' | sort | uniq -c` gives.
    const counts = new Map<string, number>();
    for (const l of lines) {
      const src = l.split(' ').find((f) => f.startsWith('SRC='))!.slice(4);
      counts.set(src, (counts.get(src) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...zombies].sort());
    expect([...counts.values()].every((n) => n === 5)).toBe(true);
    expect(counts.has('10.0.0.25')).toBe(false);
  });

  it('is deterministic: same seed, same infected hosts, same log lines', () => {
    expect(hunt(11)).toEqual(hunt(11));
    expect(hunt(12)).not.toEqual(hunt(11));
  });
});
