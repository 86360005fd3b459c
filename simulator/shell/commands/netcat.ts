/**
 * nc — OpenBSD netcat as Debian ships it (netcat-openbsd). Without -C it
 * ends lines with a bare LF, which an SMTP server does not take as the end
 * of a DATA line: the lesson's pitfall. Silent on connect unless -v.
 *
 * On the terminal it is a line client (typed lines go out one by one). With
 * stdin from a file or a pipe (`nc mail 25 < dialogue.txt`, `printf … |
 * nc -C mail 25`) it does what the real one does: sends all of stdin at once
 * — which is SMTP pipelining, the way admins script a test and spam scripts
 * talk — prints what the server answers, and after stdin's EOF keeps reading
 * until the server closes (-q N: quit N s after EOF; -w N: quit after N s
 * idle, and give up connecting after N s; -N: shut down the sending side).
 */
import { ConnectError } from '../../net/network.ts';
import type { VirtualSocket } from '../../net/virtual-socket.ts';
import { waitUntil } from '../../core/virtual-wait.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { runLineClient } from '../programs/line-client.ts';

const SERVICES: Record<number, string> = { 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 465: 'submissions', 587: 'submission' };
const USAGE = 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n';
/** Flags this lab's nc honours, and those taking a value (getopt's "46CDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz"). */
const SUPPORTED = new Set(['4', 'C', 'N', 'n', 'v', 'z', 'q', 'w']);
const WITH_VALUE = new Set(['I', 'i', 'M', 'm', 'O', 'P', 'p', 'q', 's', 'T', 'V', 'W', 'w', 'X', 'x']);
/**
 * With neither -q nor -w, nc after EOF waits for the server without limit
 * (Postfix hangs up an idle client after smtpd_timeout, 300 s); the lab
 * stops waiting after 10 simulated minutes.
 */
const FOREVER_MS = 600_000;

type NcOptions = { crlf: boolean; verbose: boolean; scan: boolean; shutdown: boolean; quitAfterEof?: number; idle?: number; host: string; port: number; portArg: string };

function parse(args: string[]): NcOptions | string {
  const o = { crlf: false, verbose: false, scan: false, shutdown: false } as NcOptions;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!/^-[A-Za-z0-9]/.test(a)) {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (!SUPPORTED.has(f) && !WITH_VALUE.has(f) && !'46CDdFhklNnrStUuvZz'.includes(f)) return `nc: invalid option -- '${f}'\n${USAGE}`;
      if (!SUPPORTED.has(f)) return `nc: -${f} is not available on this lab's hosts (supported: -C -N -n -q -v -w -z)\n`;
      let value: string | undefined;
      if (WITH_VALUE.has(f)) {
        value = a.slice(j + 1) || args[++i];
        if (value === undefined) return `nc: option requires an argument -- '${f}'\n${USAGE}`;
        j = a.length;
      }
      if (f === 'C') o.crlf = true;
      else if (f === 'v') o.verbose = true;
      else if (f === 'z') o.scan = true;
      else if (f === 'N') o.shutdown = true;
      else if (f === 'q') o.quitAfterEof = Number(value);
      else if (f === 'w') {
        const w = Number(value);
        if (!Number.isInteger(w) || w < 0) return `nc: timeout invalid: ${value}\n`;
        o.idle = w;
      }
    }
  }
  if (o.quitAfterEof !== undefined && !Number.isFinite(o.quitAfterEof)) return `nc: quit timer invalid\n`;
  const [host, portArg] = rest;
  if (!host || !portArg) return USAGE;
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `nc: port number invalid: ${portArg}\n`;
  return { ...o, host, port, portArg };
}

async function nc(ctx: CommandContext): Promise<number> {
  const o = parse(ctx.args);
  if (typeof o === 'string') {
    ctx.err(o);
    return 1;
  }
  const from = ctx.machine.host.name;
  const ip = ctx.sim.network.policy.resolve(from, o.host);
  if (!ip) {
    ctx.err(`nc: getaddrinfo for host "${o.host}" port ${o.port}: Name or service not known\n`);
    return 1;
  }
  let socket: VirtualSocket;
  try {
    // -w bounds the connect too; without it the kernel's own timeout applies.
    socket = await ctx.sim.network.connect(from, ip, o.port, 'nc', { waitForTimeout: o.idle ? o.idle * 1000 : true });
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    if (o.verbose || err.code !== 'ENOTFOUND') {
      const why = { ECONNREFUSED: 'Connection refused', ETIMEDOUT: 'Connection timed out', EHOSTUNREACH: 'No route to host', ENOTFOUND: 'Name or service not known' }[err.code];
      ctx.err(`nc: connect to ${o.host} port ${o.port} (tcp) failed: ${why}\n`);
    }
    return 1;
  }
  if (o.verbose) ctx.err(`Connection to ${o.host} (${ip}) ${o.port} port [tcp/${SERVICES[o.port] ?? '*'}] succeeded!\n`);
  if (o.scan) {
    socket.destroy();
    return 0;
  }
  if (ctx.tty) return await runLineClient(ctx.tty, socket, { lineEnding: o.crlf ? '\r\n' : '\n', escapePrompt: false, closedByPeerText: '' });
  return await fromStdin(ctx, socket, o);
}

/** stdin is a file or a pipe: send it all, print the replies, stop as netcat-openbsd would. */
async function fromStdin(ctx: CommandContext, socket: VirtualSocket, o: NcOptions): Promise<number> {
  let closed = false;
  let lastActivity = ctx.sim.clock.now();
  socket.on('data', (chunk: Buffer) => {
    lastActivity = ctx.sim.clock.now();
    ctx.out(chunk.toString('utf8'));
  });
  const end = () => (closed = true);
  socket.on('end', end);
  socket.on('close', end);
  socket.on('error', end);
  // -C: "Send CRLF as line-ending" — each LF becomes CR LF (a CR already there is kept, as nc does).
  const data = o.crlf ? ctx.stdin.replace(/\n/g, '\r\n') : ctx.stdin;
  if (data) socket.write(Buffer.from(data, 'utf8'));
  if (o.shutdown) socket.end();
  const time = { clock: ctx.sim.clock, host: ctx.sim.host };
  const eofAt = ctx.sim.clock.now();
  const deadline = () => {
    let at = o.quitAfterEof !== undefined && o.quitAfterEof >= 0 ? eofAt + o.quitAfterEof * 1000 : eofAt + FOREVER_MS;
    if (o.idle) at = Math.min(at, lastActivity + o.idle * 1000);
    return at;
  };
  // Wait until the server hangs up or a timer ends it; -w re-arms on every reply.
  // Even -q 0 lets what is already on the wire arrive before it quits.
  while (!closed && !ctx.signal.aborted) {
    const seen = lastActivity;
    await waitUntil(time, deadline(), () => closed || lastActivity !== seen, ctx.signal);
    if (ctx.sim.clock.now() >= deadline()) break;
  }
  socket.destroy();
  return 0;
}

export const ncCommand: CommandSpec = {
  name: 'nc',
  summary: 'netcat: raw TCP client (lines end in LF unless -C)',
  usage: 'nc [-CNnvz] [-q seconds] [-w timeout] HOST PORT',
  interactive: true,
  stdinCapable: true,
  man:
    'Opens a TCP connection to HOST PORT; typed lines are sent, received data is printed.\n' +
    'With stdin from a file or a pipe (nc mail 25 < dialogue.txt, printf ... | nc -C mail 25)\n' +
    'all of it is sent at once (that is SMTP pipelining) and the replies are printed.\n' +
    '  -C   send CRLF as line ending (SMTP needs it: without -C, lines end in a bare LF,\n' +
    '       and a server waiting for <CR><LF>.<CR><LF> never sees the end of DATA)\n' +
    '  -q N after EOF on stdin, wait N seconds and quit (default: until the server closes)\n' +
    '  -w N give up connecting after N seconds, and quit after N seconds with no data\n' +
    '  -N   shut down the sending side after EOF on stdin\n' +
    '  -v   verbose: report the connection ("Connection to H (IP) P port [tcp/smtp] succeeded!")\n' +
    '  -z   only check that the port accepts connections (with -v: say so)\n' +
    'Ctrl-C closes the connection. Exit status 0 after a connection, 1 when it failed.',
  run: nc,
};
