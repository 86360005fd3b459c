/**
 * Network look-around tools: dig/host (net/dns-tools), ping (reachability
 * only), ip addr, iptables (fw only, net/iptables). Outputs follow Debian 12.
 */
import { dig, host } from '../../net/dns-tools.ts';
import { iptables } from '../../net/iptables.ts';
import { resolvePtr } from '../../net/dns.ts';
import { hostByIp, networkOf } from '../../net/topology.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';

type Result = { stdout: string; stderr: string; exitCode: number };
const emit = (ctx: CommandContext, r: Result) => (ctx.out(r.stdout), ctx.err(r.stderr), r.exitCode);
const dnsCtx = (ctx: CommandContext) => ({ topology: ctx.sim.topology, dnsbl: ctx.sim.dnsbl, from: ctx.machine.host, now: ctx.sim.clock.now(), rng: ctx.sim.rng });

function ping(ctx: CommandContext): number {
  let count = 4;
  const rest: string[] = [];
  for (let i = 0; i < ctx.args.length; i++) {
    if (ctx.args[i] === '-c') count = Math.max(1, Math.min(20, Number(ctx.args[++i]) || 4));
    else if (!ctx.args[i]!.startsWith('-')) rest.push(ctx.args[i]!);
  }
  const name = rest[0];
  if (!name) {
    ctx.err('ping: usage error: Destination address required\n');
    return 2;
  }
  const ip = ctx.sim.network.policy.resolve(ctx.machine.host.name, name);
  if (!ip) {
    ctx.err(`ping: ${name}: Name or service not known\n`);
    return 2;
  }
  // Private addresses are not routed from the Internet; everything else that exists answers.
  const target = hostByIp(ctx.sim.topology, ip);
  const fromInternet = ctx.machine.host.zone === 'internet';
  const reachable = !!target && !(fromInternet && networkOf(ctx.sim.topology, ip) === 'lan');
  ctx.out(`PING ${name} (${ip}) 56(84) bytes of data.\n`);
  const rtt = (i: number) => (target?.zone === ctx.machine.host.zone ? 0.3 + ((i * 37) % 10) / 100 : 11.2 + ((i * 53) % 40) / 10).toFixed(3);
  if (reachable) for (let i = 1; i <= count; i++) ctx.out(`64 bytes from ${target!.name} (${ip}): icmp_seq=${i} ttl=${target!.zone === ctx.machine.host.zone ? 64 : 52} time=${rtt(i)} ms\n`);
  ctx.sim.clock.advance(count * 1000);
  const got = reachable ? count : 0;
  ctx.out(`\n--- ${name} ping statistics ---\n${count} packets transmitted, ${got} received, ${reachable ? 0 : 100}% packet loss, time ${(count - 1) * 1000 + 3}ms\n`);
  if (reachable) ctx.out(`rtt min/avg/max/mdev = ${rtt(1)}/${rtt(2)}/${rtt(3)}/0.041 ms\n`);
  return reachable ? 0 : 1;
}

function ipCommand(ctx: CommandContext): number {
  const [obj = '', sub] = ctx.args;
  if (!/^(a|addr|address)$/.test(obj) || (sub && sub !== 'show')) {
    if (/^(r|route)$/.test(obj)) {
      const gw = ctx.machine.host.zone === 'corp' ? '10.0.0.1' : '192.0.2.1';
      ctx.out(`default via ${gw} dev eth0 proto static\n`);
      return 0;
    }
    ctx.err('Usage: ip addr [show] | ip route\n');
    return 255;
  }
  ctx.out('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n');
  ctx.machine.host.interfaces.forEach((nic, i) => {
    const prefix = nic.network === 'lan' ? 24 : 24;
    const mac = `52:54:00:${[i + 1, ...nic.ip.split('.').slice(2)].map((n) => Number(n).toString(16).padStart(2, '0')).join(':')}`;
    ctx.out(`${i + 2}: ${nic.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n`);
    ctx.out(`    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n    inet ${nic.ip}/${prefix} brd ${nic.ip.replace(/\.\d+$/, '.255')} scope global ${nic.name}\n       valid_lft forever preferred_lft forever\n`);
  });
  return 0;
}

const onFw = (h: { role: string }) => h.role === 'firewall';

export const netToolCommands: CommandSpec[] = [
  {
    name: 'dig',
    summary: 'DNS lookup (A, MX, PTR, TXT; DNSBL queries)',
    usage: 'dig [@SERVER] [-x ADDR] NAME [TYPE] [+short]',
    man: 'Asks a DNS server (the host\'s resolver, or @SERVER) and prints the answer in BIND\'s format.\n  dig mx corp.example        dig -x 203.0.113.25        dig +short 25.113.0.203.zen.dnsbl.example\nA DNSBL answer 127.0.0.x means listed (2 SBL, 4 XBL: infected host, 10/11 PBL); NXDOMAIN means not listed.',
    run: (ctx) => emit(ctx, dig(dnsCtx(ctx), ctx.args)),
  },
  {
    name: 'host',
    summary: 'simple DNS lookup',
    usage: 'host [-t TYPE] NAME|ADDR [SERVER]',
    man: 'Prints "NAME has address A", "NAME mail is handled by P MX", or the PTR name of an address.',
    run: (ctx) => emit(ctx, host(dnsCtx(ctx), ctx.args)),
  },
  {
    name: 'ping',
    summary: 'check that a host is reachable',
    usage: 'ping [-c COUNT] HOST',
    man: 'Sends ICMP echo requests (4 here; -c COUNT) and prints the replies and a summary.\nExit status 0 when replies came back, 1 when none did, 2 on a bad name.',
    run: ping,
  },
  {
    name: 'ip',
    summary: "show this host's addresses and routes",
    usage: 'ip addr | ip route',
    man: '`ip addr` lists the network interfaces and their IPv4 addresses; `ip route` the default gateway.',
    run: ipCommand,
  },
  {
    name: 'iptables',
    summary: 'firewall rules (list, add, delete) — on fw only',
    usage: 'iptables [-t filter] -L|-S|-A|-I|-D|-F|-P ... ',
    availableOn: onFw,
    man:
      'Shows and changes fw\'s packet filter (iptables-nft 1.8.9).\n  iptables -L FORWARD -n -v --line-numbers      iptables -S\n' +
      '  iptables -I FORWARD -s 10.0.0.25 -p tcp --dport 25 -j ACCEPT\n  iptables -A FORWARD -p tcp --dport 25 -j LOG --log-prefix "SMTP-OUT "\n' +
      '  iptables -A FORWARD -i eth1 -o eth0 -p tcp --dport 25 -j DROP\n  iptables -D FORWARD 3\nRule order matters: the first matching ACCEPT/DROP wins.',
    run: (ctx) =>
      emit(ctx, iptables(ctx.sim.firewall, ctx.args, { nameOf: (ip) => resolvePtr(ctx.sim.topology, ip, ctx.machine.host), resolve: (n) => ctx.sim.network.policy.resolve(ctx.machine.host.name, n) })),
  },
];
