/**
 * swaks — the Swiss Army Knife for SMTP, with its transcript marks
 * (`===` info, `<-` server, ` ->` client, `<**` unexpected reply, `***`
 * error) and exit codes (fidelity.md). No colour, no ANSI.
 */
import { ConnectError } from '../../net/network.ts';
import { resolveMx, viewFor } from '../../net/dns.ts';
import { rfc5322Date } from '../../core/time-format.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { connectErrorText } from './telnet.ts';
import { SmtpReader, type Reply } from '../../mail/smtp-reader.ts';
import { parseSwaksArgs, type SwaksOptions } from './swaks-args.ts';

const EXIT = { connect: 2, banner: 21, helo: 22, mail: 23, rcpt: 24, data: 25, auth: 28, tls: 29 } as const;
type Phase = keyof typeof EXIT;
/** swaks's --timeout default: 30 s (of simulated time here). */
const REPLY_TIMEOUT_MS = 30_000;
const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

class Abort extends Error {
  constructor(readonly code: number) {
    super(String(code));
  }
}

async function swaks(ctx: CommandContext): Promise<number> {
  const parsed = parseSwaksArgs(ctx.args, ctx.machine.host.name, ctx.user);
  if (typeof parsed === 'string') {
    ctx.err(parsed);
    return 1;
  }
  const o = parsed;
  const server = o.server ?? resolveMx(ctx.sim.topology, o.to.split('@')[1] ?? '', viewFor(ctx.machine.host))[0]?.exchange ?? 'localhost';
  const say = (mark: string, text: string) => ctx.out(`${mark} ${text}\n`);
  say('===', `Trying ${server}:${o.port}...`);
  const from = ctx.machine.host.name;
  const ip = ctx.sim.network.policy.resolve(from, server);
  let socket;
  try {
    if (!ip) throw new ConnectError('ENOTFOUND', server, o.port);
    socket = await ctx.sim.network.connect(from, ip, o.port, 'swaks', { waitForTimeout: true });
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    say('***', `Error connecting to ${server}:${o.port}:`);
    say('***', `\tIO::Socket::INET6: connect: ${connectErrorText(err)}`);
    return EXIT.connect;
  }
  say('===', `Connected to ${server}.`);
  // Inside TLS swaks marks the traffic with ~ (`<~ `, ` ~>`, `<~*`) instead of - (`<- `, ` ->`, `<**`).
  let tls = false;
  const mark = (m: '<- ' | ' ->' | '<**') => (tls ? ({ '<- ': '<~ ', ' ->': ' ~>', '<**': '<~*' } as const)[m] : m);
  const tlsStarted = () => {
    tls = true;
    say('===', 'TLS started with cipher TLSv1.3:TLS_AES_256_GCM_SHA384:256');
    say('===', 'TLS no local certificate set');
    say('===', `TLS peer DN="/CN=${server}"`);
  };
  if (o.tlsOnConnect) {
    // Port 465: the handshake before anything else. A server that speaks plain SMTP answers it with its banner.
    if (!socket.tlsOnConnect) {
      ctx.out('*** TLS startup failed (connect(): error:0A00010B:SSL routines::wrong version number)\n');
      socket.destroy();
      return EXIT.tls;
    }
    socket.tlsHandshake();
    tlsStarted();
  }
  const smtp = new SmtpReader(socket);
  const expect = async (phase: Phase, ok: (code: number) => boolean): Promise<Reply> => {
    const reply = await smtp.next(REPLY_TIMEOUT_MS, ctx.signal);
    if (!reply) {
      say('***', ctx.signal.aborted ? 'Interrupted' : `Timeout (${REPLY_TIMEOUT_MS / 1000} secs) waiting for server response`);
      // swaks gives up on a silent server at once: no QUIT to wait another timeout for.
      socket.destroy();
      throw new Abort(EXIT[phase]);
    }
    const good = ok(reply.code);
    reply.lines.forEach((l) => say(mark(good ? '<- ' : '<**'), l));
    if (!good) throw new Abort(EXIT[phase]);
    return reply;
  };
  const send = (line: string, shown = line) => {
    say(mark(' ->'), shown);
    smtp.send(line);
  };
  const quit = async () => {
    send('QUIT');
    await smtp.next(REPLY_TIMEOUT_MS, ctx.signal).then((r) => r?.lines.forEach((l) => say(mark('<- '), l)));
    say('===', 'Connection closed with remote host.');
    // Wait for 'close' so the connection is gone from `ss` when the prompt returns.
    const closed = new Promise((r) => (socket.destroyed && !socket.listenerCount('close') ? r(0) : socket.once('close', r)));
    socket.destroy();
    await Promise.race([closed, ctx.sim.host.settle()]);
  };
  const pos = (c: number) => c >= 200 && c < 400;
  try {
    await expect('banner', (c) => c === 220);
    if (o.quitAfter === 'CONNECT' || o.quitAfter === 'BANNER') return await quit().then(() => 0);
    let ehlo = await (send(`EHLO ${o.helo}`), expect('helo', (c) => c === 250));
    if (o.tls && !o.tlsOnConnect) {
      if (!ehlo.lines.some((l) => /^250[- ]STARTTLS/i.test(l))) {
        say('***', 'STARTTLS not advertised, host does not support TLS');
        throw new Abort(EXIT.tls);
      }
      send('STARTTLS');
      await expect('tls', (c) => c === 220);
      tlsStarted();
      ehlo = await (send(`EHLO ${o.helo}`), expect('helo', (c) => c === 250));
    }
    if (o.quitAfter === 'HELO' || o.quitAfter === 'EHLO' || o.quitAfter === 'FIRST-HELO') return await quit().then(() => 0);
    if (o.auth) await authenticate(o, ehlo, send, expect, say);
    if (o.quitAfter === 'AUTH') return await quit().then(() => 0);
    const stopAt = o.quitAfter === 'MAIL' || o.quitAfter === 'FROM' ? 1 : o.quitAfter === 'RCPT' || o.quitAfter === 'TO' ? 2 : 3;
    const pipelining = o.pipeline && ehlo.lines.some((l) => /^250[- ]PIPELINING\b/i.test(l));
    if (o.pipeline && !pipelining) say('***', 'Host did not advertise PIPELINING');
    if (pipelining) {
      // RFC 2920: the envelope and DATA go out in one write; the replies are read afterwards, in order.
      const stages: Array<[string, Phase, (c: number) => boolean]> = [
        [`MAIL FROM:<${o.from}>`, 'mail', pos],
        [`RCPT TO:<${o.to}>`, 'rcpt', pos],
        ['DATA', 'data', (c: number) => c === 354],
      ].slice(0, stopAt) as Array<[string, Phase, (c: number) => boolean]>;
      for (const [line] of stages) say(mark(' ->'), line);
      smtp.sendAll(stages.map(([line]) => line));
      let failed: Abort | undefined;
      for (const [, phase, ok] of stages) {
        try {
          await expect(phase, ok);
        } catch (err) {
          if (!(err instanceof Abort)) throw err;
          failed ??= err;
        }
      }
      if (failed) throw failed;
      if (stopAt < 3) return await quit().then(() => 0);
    } else {
      await (send(`MAIL FROM:<${o.from}>`), expect('mail', pos));
      if (stopAt === 1) return await quit().then(() => 0);
      await (send(`RCPT TO:<${o.to}>`), expect('rcpt', pos));
      if (stopAt === 2) return await quit().then(() => 0);
      await (send('DATA'), expect('data', (c) => c === 354));
    }
    for (const line of messageLines(ctx, o)) send(line.startsWith('.') ? '.' + line : line);
    await (send('.'), expect('data', pos));
    await quit();
    return 0;
  } catch (err) {
    if (!(err instanceof Abort)) throw err;
    if (!socket.destroyed) await quit();
    return err.code;
  }
}

async function authenticate(o: SwaksOptions, ehlo: Reply, send: (l: string, shown?: string) => void, expect: (p: Phase, ok: (c: number) => boolean) => Promise<Reply>, say: (m: string, t: string) => void): Promise<void> {
  const offered = ehlo.lines.find((l) => /^250[- ]AUTH[ =]/i.test(l));
  if (!offered) {
    say('***', 'Host did not advertise authentication');
    throw new Abort(EXIT.auth);
  }
  if (o.auth === 'PLAIN') {
    send(`AUTH PLAIN ${b64(`\0${o.authUser}\0${o.authPassword}`)}`);
  } else {
    send('AUTH LOGIN');
    await expect('auth', (c) => c === 334);
    send(b64(o.authUser));
    await expect('auth', (c) => c === 334);
    send(b64(o.authPassword));
  }
  await expect('auth', (c) => c === 235);
}

function messageLines(ctx: CommandContext, o: SwaksOptions): string[] {
  const now = ctx.sim.clock.now();
  const date = rfc5322Date(now);
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
  return [
    `Date: ${date}`,
    `To: ${o.to}`,
    `From: ${o.from}`,
    `Subject: ${o.header ?? `test ${date}`}`,
    `Message-Id: <${stamp}.004242@${o.helo}>`,
    'X-Mailer: swaks v20240103.0 jetmore.org/john/code/swaks/',
    '',
    ...(o.body ?? 'This is a test mailing').split('\n'),
    '',
  ];
}

export const swaksCommand: CommandSpec = {
  name: 'swaks',
  summary: 'scriptable SMTP test client (relay and AUTH tests)',
  usage: 'swaks -s SERVER [-p PORT] -f FROM -t TO [--quit-after STAGE] [--pipeline] [-tls | --tls-on-connect] [-a LOGIN|PLAIN -au USER -ap PASS]',
  man:
    'Runs one SMTP transaction and prints the transcript: === info, <- server reply,\n' +
    ' -> what swaks sent, <** an unexpected reply, *** an error.\n' +
    '  -s, --server H    server (default: the MX of the --to domain)   -p, --port N  (default 25)\n' +
    '  -f, --from A      envelope sender        -t, --to A      envelope recipient\n' +
    '  --helo, --ehlo, -h NAME   name for EHLO (default: this host)\n' +
    '  --quit-after STAGE        CONNECT, BANNER, HELO, AUTH, MAIL, RCPT (stop there, send QUIT)\n' +
    '  -tls                      STARTTLS before AUTH/MAIL\n' +
    '  --tls-on-connect, --tlsc  TLS from the first byte (port 465, submissions)\n' +
    '  --pipeline                send MAIL, RCPT and DATA at once when the server offers PIPELINING\n' +
    '  -a, --auth TYPE           LOGIN or PLAIN;  -au, --auth-user U;  -ap, --auth-password P\n' +
    '  --header-Subject TEXT, --body TEXT\n' +
    'Exit status: 0 ok, 2 connect failed, 21 banner, 22 HELO, 23 MAIL, 24 RCPT (e.g. relay denied),\n' +
    '25 DATA, 28 AUTH, 29 TLS.',
  run: swaks,
};
