/**
 * nc [-C] [-v] HOST PORT — OpenBSD netcat as Debian ships it. Without -C it
 * ends lines with a bare LF, which an SMTP server does not take as the end of
 * a DATA line: the lesson's pitfall. Silent on connect unless -v.
 */
import { ConnectError } from '../../net/network.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { runLineClient } from '../programs/line-client.ts';

const SERVICES: Record<number, string> = { 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 465: 'submissions', 587: 'submission' };
const USAGE = 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n';

async function nc(ctx: CommandContext): Promise<number> {
  let crlf = false;
  let verbose = false;
  const rest: string[] = [];
  for (const a of ctx.args) {
    if (/^-[A-Za-z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'C') crlf = true;
        else if (f === 'v') verbose = true;
        else if (f !== 'n' && f !== 'N' && f !== 'q') {
          ctx.err(`nc: invalid option -- '${f}'\n${USAGE}`);
          return 1;
        }
      }
    } else rest.push(a);
  }
  const [host, portArg] = rest;
  if (!host || !portArg) {
    ctx.err(USAGE);
    return 1;
  }
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    ctx.err(`nc: port number invalid: ${portArg}\n`);
    return 1;
  }
  const from = ctx.machine.host.name;
  const ip = ctx.sim.network.policy.resolve(from, host);
  if (!ip) {
    ctx.err(`nc: getaddrinfo for host "${host}" port ${port}: Name or service not known\n`);
    return 1;
  }
  try {
    const socket = await ctx.sim.network.connect(from, ip, port, 'nc');
    if (verbose) ctx.err(`Connection to ${host} (${ip}) ${port} port [tcp/${SERVICES[port] ?? '*'}] succeeded!\n`);
    if (!ctx.tty) {
      socket.destroy();
      return 1;
    }
    return await runLineClient(ctx.tty, socket, { lineEnding: crlf ? '\r\n' : '\n', escapePrompt: false, closedByPeerText: '' });
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    if (verbose || err.code !== 'ENOTFOUND') {
      const why = { ECONNREFUSED: 'Connection refused', ETIMEDOUT: 'Connection timed out', EHOSTUNREACH: 'No route to host', ENOTFOUND: 'Name or service not known' }[err.code];
      ctx.err(`nc: connect to ${host} port ${port} (tcp) failed: ${why}\n`);
    }
    return 1;
  }
}

export const ncCommand: CommandSpec = {
  name: 'nc',
  summary: 'netcat: raw TCP client (lines end in LF unless -C)',
  usage: 'nc [-C] [-v] HOST PORT',
  interactive: true,
  man:
    'Opens a TCP connection to HOST PORT; typed lines are sent, received data is printed.\n' +
    '  -C   send CRLF as line ending (SMTP needs it: without -C, lines end in a bare LF,\n' +
    '       and a server waiting for <CR><LF>.<CR><LF> never sees the end of DATA)\n' +
    '  -v   verbose: report the connection ("Connection to H (IP) P port [tcp/smtp] succeeded!")\n' +
    'Ctrl-C closes the connection. Exit status 0 after a connection, 1 when it failed.',
  run: nc,
};
