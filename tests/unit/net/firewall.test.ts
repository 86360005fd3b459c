import { describe, expect, it } from 'vitest';
import { Firewall, type Packet } from '../../../simulator/net/firewall.ts';
import { iptables } from '../../../simulator/net/iptables.ts';

/** Split a command line like a shell would (double quotes only). */
function argv(line: string): string[] {
  return (line.match(/"[^"]*"|\S+/g) ?? []).map((x) => x.replace(/^"|"$/g, ''));
}
const ipt = (fw: Firewall, line: string) => iptables(fw, argv(line));
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";
const NOW = Date.UTC(2026, 2, 3, 9, 14, 2);
const syn = (src: string, dst: string, dport: number): Packet => ({ srcIp: src, dstIp: dst, proto: 'tcp', sport: 49152, dport, inIf: 'eth1', outIf: 'eth0', ttl: 127, id: 54321 });

function egressPolicy(): Firewall {
  const fw = new Firewall();
  for (const line of [
    '-I FORWARD -p tcp --dport 25 -s 10.0.0.25 -j ACCEPT',
    '-A FORWARD -p tcp --dport 25 -j LOG --log-prefix "OUTBOUND25: "',
    '-A FORWARD -p tcp --dport 25 -j DROP',
  ]) expect(ipt(fw, line)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  return fw;
}

describe('firewall evaluation', () => {
  it('accepts everything by default and counts it on the policy', () => {
    const fw = new Firewall();
    expect(fw.evaluate('FORWARD', syn('10.0.0.117', '198.51.100.7', 25), NOW).verdict).toBe('ACCEPT');
    expect(fw.state.chains.FORWARD).toMatchObject({ pkts: 1, bytes: 60 });
  });

  it('drops workstation port 25, lets the mail server and port 587 through, and logs', () => {
    const fw = egressPolicy();
    const ws = fw.evaluate('FORWARD', syn('10.0.0.117', '198.51.100.7', 25), NOW);
    expect(ws.verdict).toBe('DROP');
    expect(ws.ruleNum).toBe(3);
    expect(ws.logs).toHaveLength(1);
    expect(ws.logs[0]).toMatch(/^Mar {2}3 09:14:02 fw kernel: \[ *\d+\.\d{6}\] OUTBOUND25: IN=eth1 OUT=eth0 (MAC=\S* )?SRC=10\.0\.0\.117 DST=198\.51\.100\.7 LEN=60 .*PROTO=TCP SPT=49152 DPT=25 .*SYN URGP=0$/);
    expect(fw.evaluate('FORWARD', syn('10.0.0.25', '198.51.100.7', 25), NOW)).toMatchObject({ verdict: 'ACCEPT', ruleNum: 1, logs: [] });
    expect(fw.evaluate('FORWARD', syn('10.0.0.117', '203.0.113.25', 587), NOW)).toMatchObject({ verdict: 'ACCEPT', ruleNum: 0 });
    const [accept, log, drop] = fw.state.chains.FORWARD.rules;
    expect([accept!.pkts, log!.pkts, drop!.pkts]).toEqual([1, 1, 1]);
    expect(fw.state.chains.FORWARD.pkts).toBe(1);
  });

  it('honours negation, CIDR, interfaces, REJECT and conntrack state', () => {
    const fw = new Firewall();
    ipt(fw, '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
    ipt(fw, '-A FORWARD -p tcp ! -s 10.0.0.0/24 --dport 22 -j REJECT');
    ipt(fw, '-A FORWARD -i eth1 -o eth0 -p tcp --dport 1024:65535 -j DROP');
    ipt(fw, '-P FORWARD DROP');
    expect(fw.evaluate('FORWARD', { ...syn('192.0.2.50', '10.0.0.10', 22) }, NOW)).toMatchObject({ verdict: 'REJECT', rejectWith: 'icmp-port-unreachable' });
    expect(fw.evaluate('FORWARD', { ...syn('10.0.0.9', '10.0.0.10', 22) }, NOW)).toMatchObject({ verdict: 'DROP', ruleNum: 0 });
    expect(fw.evaluate('FORWARD', syn('10.0.0.9', '198.51.100.7', 8080), NOW).ruleNum).toBe(3);
    expect(fw.evaluate('FORWARD', { ...syn('198.51.100.7', '10.0.0.9', 49152), ctState: 'ESTABLISHED' }, NOW).verdict).toBe('ACCEPT');
  });

  it('snapshots and restores rules, policies and counters exactly', () => {
    const fw = egressPolicy();
    fw.evaluate('FORWARD', syn('10.0.0.117', '198.51.100.7', 25), NOW);
    ipt(fw, '-P INPUT DROP');
    const saved = JSON.parse(JSON.stringify(fw.snapshot()));
    const back = Firewall.restore(saved);
    expect(back.snapshot()).toEqual(fw.snapshot());
    expect(ipt(back, '-S').stdout).toBe(ipt(fw, '-S').stdout);
    expect(ipt(back, '-L -n -v').stdout).toBe(ipt(fw, '-L -n -v').stdout);
    // The restored copy is independent of the original.
    back.evaluate('FORWARD', syn('10.0.0.118', '198.51.100.7', 25), NOW);
    expect(back.state.chains.FORWARD.rules[2]!.pkts).toBe(2);
    expect(fw.state.chains.FORWARD.rules[2]!.pkts).toBe(1);
  });
});

describe('iptables command', () => {
  it('lists like iptables-nft 1.8.9 with -L -n -v --line-numbers', () => {
    const fw = egressPolicy();
    fw.evaluate('FORWARD', syn('10.0.0.117', '198.51.100.7', 25), NOW);
    const out = ipt(fw, '-L -n -v --line-numbers').stdout;
    expect(out).toContain('Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n');
    expect(out).toContain('Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n'
      + 'num   pkts bytes target     prot opt in     out     source               destination         \n'
      + '1        0     0 ACCEPT     6    --  *      *       10.0.0.25            0.0.0.0/0            tcp dpt:25\n'
      + '2        1    60 LOG        6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:25 LOG flags 0 level 4 prefix "OUTBOUND25: "\n'
      + '3        1    60 DROP       6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:25\n\nChain OUTPUT');
    const plain = ipt(fw, '-L FORWARD').stdout.split('\n');
    expect(plain[0]).toBe('Chain FORWARD (policy ACCEPT)');
    expect(plain[1]).toBe('target     prot opt source               destination         ');
    expect(plain[2]).toBe('ACCEPT     tcp  --  10.0.0.25            anywhere             tcp dpt:smtp');
  });

  it('prints rules back in iptables-save form with -S', () => {
    const fw = egressPolicy();
    expect(ipt(fw, '-S FORWARD').stdout).toBe(
      '-P FORWARD ACCEPT\n'
      + '-A FORWARD -s 10.0.0.25/32 -p tcp -m tcp --dport 25 -j ACCEPT\n'
      + '-A FORWARD -p tcp -m tcp --dport 25 -j LOG --log-prefix "OUTBOUND25: "\n'
      + '-A FORWARD -p tcp -m tcp --dport 25 -j DROP\n',
    );
  });

  it('deletes by number and by specification, inserts at a position', () => {
    const fw = egressPolicy();
    expect(ipt(fw, '-D FORWARD 2').exitCode).toBe(0);
    expect(fw.state.chains.FORWARD.rules.map((r) => r.target)).toEqual(['ACCEPT', 'DROP']);
    expect(ipt(fw, '-D FORWARD -s 10.0.0.25/32 -p tcp --dport 25 -j ACCEPT').exitCode).toBe(0);
    expect(fw.state.chains.FORWARD.rules.map((r) => r.target)).toEqual(['DROP']);
    expect(ipt(fw, '-I FORWARD 2 -p tcp --dport 587 -j ACCEPT').exitCode).toBe(0);
    expect(fw.state.chains.FORWARD.rules[1]!.l4?.dport).toEqual({ min: 587, max: 587, neg: false });
    expect(ipt(fw, '-F FORWARD').exitCode).toBe(0);
    expect(fw.state.chains.FORWARD.rules).toEqual([]);
  });

  it('fails exactly like iptables', () => {
    const fw = egressPolicy();
    expect(ipt(fw, '-D FORWARD 9')).toEqual({ stdout: '', stderr: 'iptables: Index of deletion too big.\n', exitCode: 1 });
    expect(ipt(fw, '-D FORWARD -p tcp --dport 26 -j DROP')).toEqual({ stdout: '', stderr: 'iptables: Bad rule (does a matching rule exist in that chain?).\n', exitCode: 1 });
    expect(ipt(fw, '-A FORWARD --foo')).toEqual({ stdout: '', stderr: `iptables v1.8.9 (nf_tables): unknown option "--foo"\n${TRY}`, exitCode: 2 });
    expect(ipt(fw, '-A FORWARD --dport 25 -j DROP').stderr).toBe(`iptables v1.8.9 (nf_tables): unknown option "--dport"\n${TRY}`);
    expect(ipt(fw, 'FORWARD -j DROP')).toEqual({ stdout: '', stderr: `Bad argument \`FORWARD'\n${TRY}`, exitCode: 2 });
    expect(ipt(fw, '-A FORWARD -s 10.0.0.300 -j DROP').stderr).toBe(`iptables v1.8.9 (nf_tables): host/network \`10.0.0.300' not found\n${TRY}`);
    expect(ipt(fw, '-A FORWARD -p tcp --dport smtpp -j DROP').stderr).toBe(`iptables v1.8.9 (nf_tables): invalid port/service \`smtpp' specified\n${TRY}`);
    expect(ipt(fw, '-A FORWARD -j drop').stderr).toBe(`iptables v1.8.9 (nf_tables): Chain 'drop' does not exist\n${TRY}`);
    expect(ipt(fw, '-A OUTBOUND -j DROP')).toEqual({ stdout: '', stderr: 'iptables: No chain/target/match by that name.\n', exitCode: 1 });
    expect(ipt(fw, '-P FORWARD REJECT')).toEqual({ stdout: '', stderr: "iptables: Bad policy name. Run `dmesg' for more information.\n", exitCode: 1 });
    expect(ipt(fw, '-L -p tcp').stderr).toBe(`iptables v1.8.9 (nf_tables): Illegal option \`-p' with this command\n${TRY}`);
    expect(ipt(fw, '-A FORWARD -j DROP -D FORWARD 1').stderr).toBe(`iptables v1.8.9 (nf_tables): Cannot use -D with -A\n${TRY}`);
    expect(ipt(fw, '-I FORWARD 7 -j DROP')).toEqual({ stdout: '', stderr: 'iptables: Index of insertion too big.\n', exitCode: 1 });
    expect(ipt(fw, '-A').stderr).toBe(`iptables v1.8.9 (nf_tables): option "-A" requires an argument\n${TRY}`);
    expect(ipt(fw, '').stderr).toBe(`iptables v1.8.9 (nf_tables): no command specified\n${TRY}`);
    // Nothing above changed the rules.
    expect(fw.state.chains.FORWARD.rules).toHaveLength(3);
  });

  it('accepts a leading program name and long options', () => {
    const fw = new Firewall();
    expect(iptables(fw, ['iptables', '--append', 'FORWARD', '--protocol', 'tcp', '--destination-port', '25', '--jump', 'DROP']).exitCode).toBe(0);
    expect(ipt(fw, '-C FORWARD -p tcp --dport 25 -j DROP').exitCode).toBe(0);
  });
});
