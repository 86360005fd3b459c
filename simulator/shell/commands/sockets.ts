/**
 * ss -tnp / netstat -tnp: the host's live TCP connections (from the wire
 * network) and, with -l/-a, its listening sockets, with the owning process.
 */
import type { LiveConnection } from '../../net/network.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { look } from '../look.ts';

type Row = { state: 'ESTAB' | 'LISTEN'; local: string; peer: string; program: string; pid: number };

function rows(ctx: CommandContext, listening: boolean, established: boolean): Row[] {
  const me = ctx.machine.host.name;
  look(ctx, 'sockets');
  const pidOf = (program: string, fallback: number) => ctx.machine.procs.find((p) => p.command.includes(program))[0]?.pid ?? fallback;
  const out: Row[] = [];
  if (listening) {
    for (const l of ctx.sim.network.listening().filter((l) => l.host === me)) {
      out.push({ state: 'LISTEN', local: `0.0.0.0:${l.port}`, peer: '0.0.0.0:*', program: l.program, pid: pidOf(l.program, 1200) });
    }
  }
  if (established) {
    for (const c of ctx.sim.network.connections()) {
      if (c.fromHost === me) out.push(side(c, 'client', pidOf(c.program, 3000 + c.id)));
      if (c.toHost === me) out.push(side(c, 'server', pidOf('smtpd', 2300 + c.id)));
    }
  }
  return out;
}

function side(c: LiveConnection, which: 'client' | 'server', pid: number): Row {
  const client = `${c.client.address}:${c.client.port}`;
  const server = `${c.server.address}:${c.server.port}`;
  return which === 'client'
    ? { state: 'ESTAB', local: client, peer: server, program: c.program, pid }
    : { state: 'ESTAB', local: server, peer: client, program: c.server.port === 25 ? 'smtpd' : 'server', pid };
}

function flags(args: string[]): Set<string> {
  return new Set(args.filter((a) => a.startsWith('-')).flatMap((a) => [...a.slice(1)]));
}

function ss(ctx: CommandContext): number {
  const f = flags(ctx.args);
  const list = rows(ctx, f.has('l') || f.has('a'), !f.has('l') || f.has('a'));
  ctx.out(`${'State'.padEnd(7)}${'Recv-Q'.padEnd(7)}${'Send-Q'.padEnd(7)}${'Local Address:Port'.padStart(20)} ${'Peer Address:Port'.padStart(20)} ${f.has('p') ? 'Process' : ''}\n`);
  for (const r of list) {
    const proc = f.has('p') ? ` users:(("${r.program}",pid=${r.pid},fd=${r.state === 'LISTEN' ? 13 : 12}))` : '';
    ctx.out(`${r.state.padEnd(7)}${(r.state === 'LISTEN' ? '0' : '0').padEnd(7)}${(r.state === 'LISTEN' ? '100' : '0').padEnd(7)}${r.local.padStart(20)} ${r.peer.padStart(20)}${proc}\n`);
  }
  return 0;
}

function netstat(ctx: CommandContext): number {
  const f = flags(ctx.args);
  const list = rows(ctx, f.has('l') || f.has('a'), !f.has('l') || f.has('a'));
  ctx.out(`Active Internet connections (${f.has('l') ? 'only servers' : f.has('a') ? 'servers and established' : 'w/o servers'})\n`);
  ctx.out(`Proto Recv-Q Send-Q ${'Local Address'.padEnd(23)} ${'Foreign Address'.padEnd(23)} State       ${f.has('p') ? 'PID/Program name' : ''}\n`);
  for (const r of list) {
    const state = r.state === 'LISTEN' ? 'LISTEN' : 'ESTABLISHED';
    ctx.out(`tcp        0      0 ${r.local.padEnd(23)} ${r.peer.padEnd(23)} ${state.padEnd(11)} ${f.has('p') ? `${r.pid}/${r.program}` : ''}\n`);
  }
  return 0;
}

export const socketCommands: CommandSpec[] = [
  {
    name: 'ss',
    summary: 'list TCP connections and listening sockets',
    usage: 'ss -tnp [-l|-a]',
    man: 'Lists sockets. -t TCP, -n numeric addresses, -p owning process, -l listening only, -a all.\n`ss -tnp` shows established connections: a workstation with connections to remote port 25 is sending mail directly.',
    run: ss,
  },
  {
    name: 'netstat',
    summary: 'list TCP connections (older tool; same data as ss)',
    usage: 'netstat -tnp [-l|-a]',
    man: 'Lists network connections. -t TCP, -n numeric, -p PID/Program name, -l listening, -a all.',
    run: netstat,
  },
];
