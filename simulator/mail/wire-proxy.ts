/**
 * The byte proxy between a client socket and smtp-server: Postfix's line
 * policy on the way in; on the way out each engine reply is paired with the
 * command it answers (a FIFO, so PIPELINING works) and replaced by Postfix's
 * reply — via translateReply/ehloLines, or the SmtpdSession step for
 * commands Postfix decides differently (STARTTLS is simulated here: the
 * engine sees a NOOP and the session is marked encrypted, RFC 3207 reset).
 */
import { REPLIES, translateReply, type SmtpCommand } from '../postfix/index.ts';
import type { ConnectionInfo } from '../net/network.ts';
import { createSocketPair, type VirtualSocket } from '../net/virtual-socket.ts';
import { ClientLinePolicy } from './line-policy.ts';
import type { MailServer, RunningService } from './mail-server.ts';
import { SmtpdSession } from './smtpd-session.ts';

type Pending = { verb: string; arg: string; override?: () => string; inData?: boolean; hidden?: boolean };

const COMMANDS = new Set(['HELO', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'RSET', 'NOOP', 'VRFY', 'QUIT', 'AUTH', 'STARTTLS', 'HELP']);

export class WireProxy {
  readonly sess: SmtpdSession;
  readonly engineSide: VirtualSocket;
  private readonly front: VirtualSocket;
  private readonly policy = new ClientLinePolicy();
  private readonly fifo: Pending[] = [];
  private readonly raw: string[] = [];
  private greeting: string;
  private greeted = false;
  private saslContinuation = false;
  private buffer = '';
  /** Whether smtp-server has seen a HELO/EHLO (it insists on one; Postfix does not). */
  private engineHelo = false;

  constructor(
    server: MailServer,
    svc: RunningService,
    private readonly outer: VirtualSocket,
    info: ConnectionInfo,
    onGone: () => void,
  ) {
    const pair = createSocketPair(
      { address: info.remoteAddress, port: info.remotePort },
      { address: info.localAddress, port: info.localPort },
    );
    this.front = pair.client;
    this.engineSide = pair.server;
    this.sess = new SmtpdSession(server, svc, { ip: info.remoteAddress, hostname: server.clientHostname(info.remoteAddress) }, { via: 'wire', fromHost: info.fromHost, program: info.program });
    this.greeting = this.sess.open();

    outer.on('data', (chunk: Buffer) => this.fromClient(chunk.toString('latin1')));
    this.front.on('data', (chunk: Buffer) => this.fromEngine(chunk.toString('latin1')));
    outer.on('end', () => this.front.end());
    this.front.on('end', () => outer.end());
    const gone = () => {
      this.sess.close();
      onGone();
    };
    outer.on('close', () => {
      this.front.destroy();
      gone();
    });
    this.front.on('close', () => outer.destroy());
    outer.on('error', () => this.front.destroy());
    this.front.on('error', () => outer.destroy());
  }

  /** The client's own MAIL/RCPT argument behind a token. */
  rawArgument(token: string): string | undefined {
    const m = /^[mr](\d+)@proxy\.invalid$/.exec(token);
    return m ? this.raw[Number(m[1])] : undefined;
  }

  private fromClient(chunk: string): void {
    const wasData = this.policy.dataMode;
    const text = this.policy.push(chunk);
    if (!text) return;
    if (wasData) return this.toEngine(text);
    let out = '';
    for (const line of text.split('\r\n').slice(0, -1)) out += this.command(line) + '\r\n';
    this.toEngine(out);
  }

  private toEngine(text: string): void {
    if (!this.front.destroyed) this.front.write(Buffer.from(text, 'latin1'));
  }

  /** Queue the command for reply pairing; return the line the engine should see. */
  private command(line: string): string {
    if (this.saslContinuation) return line;
    const verb = (/^[A-Za-z]+/.exec(line)?.[0] ?? '').toUpperCase();
    const arg = line.slice(verb.length).replace(/^ /, '');
    const p: Pending = { verb: COMMANDS.has(verb) ? verb : 'UNKNOWN', arg };
    this.fifo.push(p);
    if (verb === 'STARTTLS') {
      p.override = () => (arg.trim() ? REPLIES.starttlsSyntax : this.sess.starttls());
      return 'NOOP';
    }
    if (verb === 'VRFY') {
      p.override = () => this.sess.vrfy(arg);
      return 'NOOP';
    }
    if (verb === 'HELO' || verb === 'EHLO') this.engineHelo = true;
    if ((verb === 'MAIL' || verb === 'RCPT' || verb === 'DATA') && !this.engineHelo && !this.sess.config.bool('smtpd_helo_required')) {
      // Postfix takes MAIL without a greeting; satisfy the engine with a HELO whose reply nobody sees.
      this.engineHelo = true;
      this.fifo.splice(this.fifo.length - 1, 0, { verb: 'HELO', arg: '', hidden: true });
      return 'HELO client\r\n' + this.mailOrRcpt(line, verb);
    }
    if (verb === 'AUTH') {
      const pre = this.sess.authPrecheck();
      if (pre) {
        p.override = () => pre;
        return 'NOOP';
      }
      return line;
    }
    return this.mailOrRcpt(line, verb);
  }

  /** MAIL/RCPT reach the engine with a token; the hook gets the client's raw argument back. */
  private mailOrRcpt(line: string, verb: string): string {
    const addr = /^(MAIL FROM|RCPT TO):(.*)$/i.exec(line);
    if (!addr || (verb !== 'MAIL' && verb !== 'RCPT')) return line;
    const i = this.raw.push(addr[2]!) - 1;
    return `${verb === 'MAIL' ? 'MAIL FROM' : 'RCPT TO'}:<${verb === 'MAIL' ? 'm' : 'r'}${i}@proxy.invalid>`;
  }

  private fromEngine(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const m = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/.exec(this.buffer);
      if (!m) return;
      this.buffer = this.buffer.slice(m[0].length);
      const lines = this.reply(m[0].slice(0, -2).split('\r\n'));
      if (lines.length && !this.outer.destroyed) this.outer.write(Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
    }
  }

  private reply(lines: string[]): string[] {
    const last = lines[lines.length - 1]!;
    const code = Number(last.slice(0, 3));
    const text = last.slice(4);
    if (!this.greeted) {
      this.greeted = true;
      if (code === 220) return [this.greeting];
    }
    const head = this.fifo[0];
    if (code === 334) {
      this.saslContinuation = true;
      return lines;
    }
    if (code === 354) {
      if (head) head.inData = true;
      this.policy.dataMode = true;
      return [REPLIES.data];
    }
    this.fifo.shift();
    if (head?.hidden) return [];
    this.saslContinuation = false;
    if (code === 421 && /timeout/i.test(text)) this.sess.timedOut = true;
    const verb = head?.verb ?? 'OTHER';
    let out: string[];
    if (head?.override) out = [head.override()];
    else if ((verb === 'HELO' || verb === 'EHLO') && code === 250) out = this.sess.hello(verb, head!.arg);
    else {
      const command = (head?.inData ? 'DATA_END' : verb) as SmtpCommand;
      out = [translateReply(code, text, { command, hostname: this.sess.config.get('myhostname'), argument: verb === 'VRFY' ? head?.arg : undefined })];
    }
    if (head) this.sess.record(verb, out[out.length - 1]!, head.arg);
    if (verb === 'RSET' && code === 250) this.sess.rset();
    return out;
  }
}
