/**
 * The byte proxy between a client socket and smtp-server: Postfix's line
 * policy on the way in; on the way out each engine reply is paired with the
 * command it answers and replaced by Postfix's reply — via
 * translateReply/ehloLines, or the SmtpdSession step for commands Postfix
 * decides differently (STARTTLS is simulated here: the engine sees a NOOP and
 * the session is marked encrypted, RFC 3207 reset).
 *
 * PIPELINING: the client may send a whole dialogue at once. The proxy holds
 * its bytes and hands the engine one command at a time, the next only once
 * the previous reply is known: the session's state (RSET, EHLO, the
 * transaction) then changes exactly as when the lines are typed, and whether
 * the lines after DATA (or an AUTH step) are content or commands is decided
 * by the reply, as in Postfix. Replies are identical to the same lines sent
 * one at a time, in order.
 *
 * Postfix's own limits live here too: smtpd_timeout on the virtual clock
 * (smtp-server's real-time idle timer is disarmed) and smtpd_hard_error_limit.
 */
import { REPLIES, clientName, hasBadUtf8, msg, timeout, tooManyErrors, translateReply, type SmtpCommand } from '../postfix/index.ts';
import type { Timer } from '../core/clock.ts';
import type { ConnectionInfo } from '../net/network.ts';
import { createSocketPair, type TimerApi, type VirtualSocket } from '../net/virtual-socket.ts';
import { ClientLinePolicy } from './line-policy.ts';
import { HEADER_LIKE } from './message.ts';
import type { MailServer, RunningService } from './mail-server.ts';
import { parseBdat, type BdatCommand } from './smtpd-bdat.ts';
import { SmtpdSession, type EndReason } from './smtpd-session.ts';
import { SaslExchange, authSyntax } from './smtpd-sasl.ts';
import { binaryToBytes, lineFromBinary, textToBytes } from './wire-bytes.ts';

type Pending = {
  verb: string;
  arg: string;
  /** Answered by the engine but hidden from the client (a HELO or RSET only smtp-server needs). */
  hidden?: boolean;
  /** The engine answered 354 and waits for the message content. */
  open?: boolean;
  /** DATA whose 354 was given: the next reply answers the final dot. */
  content?: boolean;
};

/** Verbs Postfix 3.7 implements and the engine may see; the rest are Postfix's unknown commands. */
const COMMANDS = new Set(['HELO', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'BDAT', 'RSET', 'NOOP', 'VRFY', 'QUIT', 'AUTH', 'STARTTLS']);

/** smtpd_forbidden_commands' default, matched against the verb (case-insensitively). */
const FORBIDDEN = new Set(['CONNECT', 'GET', 'POST']);
/**
 * Commands after which more pipelined input is "improper" (RFC 2920: last in
 * a group). Seen on Postfix 3.7 for EHLO and DATA; HELO, NOOP and VRFY carry
 * the same flag in smtpd.c's command table.
 */
const LAST_IN_GROUP = new Set(['HELO', 'EHLO', 'DATA', 'NOOP', 'VRFY']);

/** Postfix's escape(): printable ASCII kept (backslash doubled), C escapes, else octal. */
function escapeForLog(binary: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '';
  for (const ch of binary) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) out += ch === '\\' ? '\\\\' : ch;
    else out += named[ch] ?? '\\' + c.toString(8).padStart(3, '0');
  }
  return out;
}

/** smtp-server's own idle timer must never fire: smtpd_timeout runs on the virtual clock instead. */
const NO_TIMERS: TimerApi = { set: () => undefined, clear: () => {} };

export class WireProxy {
  readonly sess: SmtpdSession;
  readonly engineSide: VirtualSocket;
  private readonly front: VirtualSocket;
  private readonly policy = new ClientLinePolicy();
  private readonly fifo: Pending[] = [];
  private readonly raw: string[] = [];
  private greeting: string;
  private greeted = false;
  /** smtp-server has sent its 220 (the greeting is ours to send). */
  private engineReady = false;
  /** smtpd_tls_wrappermode: the session is TLS from the first byte; false until the client's handshake. */
  private handshaken = true;
  private buffer = '';
  /** Whether smtp-server has seen a HELO/EHLO (it insists on one; Postfix does not). */
  private engineHelo = false;
  /** The client sent FIN: after the held lines are answered, the engine gets it too. */
  private clientEnded = false;
  /** smtpd ended the session (timeout, too many errors): nothing more is read. */
  private closing = false;
  private idle?: Timer;
  private deadline = 0;
  /** An AUTH exchange waiting for the client's next response line. */
  private sasl?: SaslExchange;
  /** A BDAT chunk being read: octets still to come, and the refusal to send once it is dropped. */
  private chunk?: { cmd: BdatCommand; arg: string; left: number; refusal?: string };
  /** "improper command pipelining" is logged once per session. */
  private illPipelining = false;

  constructor(
    private readonly server: MailServer,
    svc: RunningService,
    private readonly outer: VirtualSocket,
    info: ConnectionInfo,
    onGone: () => void,
  ) {
    const pair = createSocketPair(
      { address: info.remoteAddress, port: info.remotePort },
      { address: info.localAddress, port: info.localPort },
      NO_TIMERS,
    );
    this.front = pair.client;
    this.engineSide = pair.server;
    this.sess = new SmtpdSession(server, svc, { ip: info.remoteAddress, hostname: server.clientHostname(info.remoteAddress) }, { via: 'wire', fromHost: info.fromHost, program: info.program });
    this.greeting = this.sess.open();
    if (svc.config.bool('smtpd_tls_wrappermode')) {
      // Port 465: smtpd waits for the client's TLS handshake before it greets; the session is encrypted throughout.
      this.sess.tls = true;
      this.handshaken = false;
      outer.requireTls();
      outer.once('tls-handshake', (outcome: 'done' | 'not-tls') => {
        if (outcome === 'not-tls') return this.notTls();
        this.handshaken = true;
        this.greet();
        this.pump();
      });
    }

    // A client's FIN (`nc -N`, a script that closes its side after the last line) only ends what it
    // sends: smtpd still answers every command it had read before, as over real TCP.
    outer.allowHalfOpen = true;
    outer.on('data', (chunk: Buffer) => this.fromClient(chunk.toString('latin1')));
    this.front.on('data', (chunk: Buffer) => this.fromEngine(chunk.toString('latin1')));
    outer.on('end', () => {
      this.clientEnded = true;
      this.pump();
    });
    this.front.on('end', () => outer.end());
    const gone = () => {
      this.server.clock().cancel(this.idle);
      if (!this.handshaken) this.sess.info(msg.sslAcceptError(this.sess.client, 'lost connection'));
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

  /** The client's own MAIL/RCPT argument behind a token (decoded: UTF-8 where valid). */
  rawArgument(token: string): string | undefined {
    const m = /^[mr](\d+)@proxy\.invalid$/.exec(token);
    return m ? this.raw[Number(m[1])] : undefined;
  }

  private fromClient(chunk: string): void {
    if (this.closing) return;
    if (!this.handshaken) return this.notTls();
    this.policy.push(chunk);
    this.armIdle();
    this.pump();
  }

  /**
   * Take what the client sent as far as the replies known so far allow:
   * message content as it arrives, a SASL response after our 334, otherwise
   * one command, answered here or by the engine (then wait for its reply).
   */
  private pump(): void {
    while (this.greeted && !this.closing) {
      const head = this.fifo[0];
      if (head?.content && head.open) {
        const { text, done } = this.policy.takeData();
        if (text) {
          this.sess.dataProgress(text.length);
          this.toEngine(binaryToBytes(text));
        }
        if (done) head.open = false;
        return;
      }
      if (head) return;
      if (this.chunk) {
        if (!this.readChunk(this.chunk)) break;
        continue;
      }
      const line = this.policy.nextCommand();
      if (line === undefined) break;
      if (this.sasl) this.saslStep(lineFromBinary(line));
      else this.command(lineFromBinary(line));
    }
    if (this.clientEnded && this.fifo.length === 0 && !this.closing && !this.front.writableEnded) this.front.end();
  }

  /**
   * RFC 3030: the chunk's octets, raw (no line rules, no dot-stuffing), then
   * the reply. false while octets are still to come.
   */
  private readChunk(c: NonNullable<WireProxy['chunk']>): boolean {
    const bytes = this.policy.takeRaw(c.left);
    c.left -= bytes.length;
    if (!c.refusal) this.sess.bdatData(bytes);
    if (c.left > 0) return false;
    this.chunk = undefined;
    this.answer({ verb: 'BDAT', arg: c.arg }, this.sess.bdatEnd(c.cmd, c.refusal));
    // The engine saw MAIL and RCPT; after the last chunk it must forget them, as the session did.
    if (c.cmd.last && !this.closing) this.engine({ verb: 'RSET', arg: '', hidden: true }, 'RSET');
    return true;
  }

  private toEngine(bytes: Uint8Array): void {
    if (!this.front.destroyed) this.front.write(bytes);
  }

  /** Hand a command to the engine; its reply comes back through fromEngine. */
  private engine(p: Pending, line: string): void {
    this.fifo.push(p);
    this.toEngine(textToBytes(line + '\r\n'));
  }

  /** Decide one command: Postfix's answer here, or the engine's (HELO/EHLO, MAIL, RCPT, DATA, RSET, QUIT). */
  private command(received: string): void {
    // smtpd_token() splits at white space, CR included: `QUIT\r` then CRLF is QUIT (a 221, not a 500).
    const line = received.replace(/\r+$/, '');
    const verb = (/^[A-Za-z]+/.exec(line)?.[0] ?? '').toUpperCase();
    const arg = line.slice(verb.length).replace(/^ /, '');
    const known = COMMANDS.has(verb) ? verb : 'UNKNOWN';
    const p: Pending = { verb: known, arg };
    // Postfix's smtpd_proto() order: UTF-8 check, empty line, forbidden commands; none of these counts as a command.
    if (this.sess.config.bool('smtputf8_enable') && hasBadUtf8(line)) return this.answer(undefined, REPLIES.badUtf8);
    if (!line.trim()) return this.answer(undefined, '500 5.5.2 Error: bad syntax');
    if (FORBIDDEN.has(verb) || HEADER_LIKE.test(line)) return this.forbidden(line);
    if (LAST_IN_GROUP.has(known) && !this.illPipelining && this.policy.held > 0) {
      this.illPipelining = true;
      this.sess.info(`improper command pipelining after ${known} from ${clientName(this.sess.client)}: ${escapeForLog(this.policy.peek(100))}`);
    }
    switch (known) {
      case 'UNKNOWN':
        return this.answer(p, REPLIES.unknownCommand);
      case 'NOOP':
        return this.answer(p, REPLIES.ok);
      case 'STARTTLS': {
        const reply = arg.trim() ? REPLIES.starttlsSyntax : this.sess.starttls();
        this.answer(p, reply);
        if (reply.startsWith('220')) {
          // starttls_cmd() purges pending plain text (CVE-2011-0411): pipelined lines are never answered.
          this.policy.discard();
          // A real client's bytes are TLS from here on (the serve transport does the handshake).
          this.outer.startTls();
          // RFC 3207: the engine forgets the transaction too.
          this.engine({ verb: 'RSET', arg: '', hidden: true }, 'RSET');
        }
        return;
      }
      case 'VRFY':
        return this.answer(p, this.sess.vrfy(arg));
      case 'AUTH': {
        p.arg = arg.trim().split(/\s+/)[0] ?? '';
        const pre = this.sess.authPrecheck() ?? authSyntax(arg);
        if (pre) return this.answer(p, pre);
        const [method = '', initial] = arg.trim().split(/\s+/);
        this.sasl = new SaslExchange(this.sess, method, initial);
        return this.saslReply(this.sasl.start());
      }
      case 'HELO':
      case 'EHLO':
        if (!arg.trim()) return this.answer(p, this.sess.hello(known, arg));
        this.engineHelo = true;
        // smtp-server checks the name's syntax; Postfix takes any (restrictions decide), so the engine sees a fixed one.
        return this.engine(p, `${verb} client`);
      case 'DATA': {
        // Postfix decides DATA itself (554 no valid recipients inside a transaction); the engine only sees the DATA it takes.
        const reply = this.sess.data();
        if (!reply.startsWith('354')) return this.answer(p, reply);
        // smtpd.c's data_cmd/rset_cmd take no argument (from the source, not recorded).
        if (arg.trim()) return this.answer(p, '501 5.5.4 Syntax: DATA');
        return this.engine(p, 'DATA');
      }
      case 'BDAT': {
        const cmd = parseBdat(arg);
        if (!cmd) {
          this.sess.bdatMalformed(line);
          this.sess.record('BDAT', REPLIES.bdatSyntax, arg);
          return this.shutdown(REPLIES.bdatSyntax, 'malformed BDAT');
        }
        // pump() reads the chunk next, before any further command line.
        this.chunk = { cmd, arg, left: cmd.size, refusal: this.sess.bdatBegin(cmd) };
        return;
      }
      case 'MAIL':
      case 'RCPT':
        // During a BDAT transaction Postfix refuses both (the engine would take them as nested or further ones).
        if (this.sess.bdat) return this.answer(p, known === 'MAIL' ? this.sess.mail('') : this.sess.rcpt(''));
        return this.mailOrRcptToEngine(p, line, verb);
      case 'RSET':
        if (arg.trim()) return this.answer(p, '501 5.5.4 Syntax: RSET');
        return this.engine(p, 'RSET');
      default:
        return this.engine(p, line);
    }
  }

  private mailOrRcptToEngine(p: Pending, line: string, verb: string): void {
    if (!this.engineHelo && !this.sess.config.bool('smtpd_helo_required')) {
      // Postfix takes MAIL without a greeting; satisfy the engine with a HELO whose reply nobody sees.
      this.engineHelo = true;
      this.engine({ verb: 'HELO', arg: '', hidden: true }, 'HELO client');
    }
    this.engine(p, this.mailOrRcpt(line, verb));
  }

  /**
   * smtpd_forbidden_commands (CONNECT GET POST) and lines in the "Label:"
   * form of a message header — content sent as commands, an HTTP request:
   * 221 and hang up, with a warning.
   */
  private forbidden(line: string): void {
    this.sess.warn(`non-SMTP command from ${clientName(this.sess.client)}: ${line.slice(0, 100)}`);
    this.sess.record('UNKNOWN', REPLIES.nonSmtp, line, true);
    this.shutdown(REPLIES.nonSmtp, 'non-SMTP command');
  }

  /** A reply decided without the engine; `p` undefined when Postfix does not count the line as a command. */
  private answer(p: Pending | undefined, reply: string | string[]): void {
    const out = typeof reply === 'string' ? [reply] : reply;
    this.settle(p, out);
  }

  private saslStep(line: string): void {
    this.saslReply(this.sasl!.step(line));
  }

  private saslReply(r: { reply: string; done: boolean }): void {
    if (!r.done) return this.toClient([r.reply]);
    const method = this.sasl!.method;
    this.sasl = undefined;
    // The event stream sees the mechanism, never the credentials.
    this.settle({ verb: 'AUTH', arg: method }, [r.reply]);
  }

  /** The final reply to a command: to the client, into the session's counters, then Postfix's limits. */
  private settle(p: Pending | undefined, out: string[]): void {
    const last = out[out.length - 1]!;
    if (p) this.sess.record(p.verb, last, p.arg);
    else this.sess.countError();
    this.toClient(out);
    if (p?.verb === 'QUIT') this.closing = true;
    else if (this.sess.errorLimitReached()) this.shutdown(tooManyErrors(this.sess.config.get('myhostname')), 'too many errors');
  }

  /** MAIL/RCPT reach the engine with a token; the hook gets the client's raw argument back. */
  private mailOrRcpt(line: string, verb: string): string {
    const addr = /^(MAIL FROM|RCPT TO):(.*)$/i.exec(line);
    if (!addr) return line;
    const i = this.raw.push(addr[2]!) - 1;
    return `${verb === 'MAIL' ? 'MAIL FROM' : 'RCPT TO'}:<${verb === 'MAIL' ? 'm' : 'r'}${i}@proxy.invalid>`;
  }

  private fromEngine(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const m = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/.exec(this.buffer);
      if (!m) break;
      this.buffer = this.buffer.slice(m[0].length);
      if (!this.closing) this.reply(m[0].slice(0, -2).split('\r\n'));
    }
    this.armIdle();
    this.pump();
  }

  private toClient(lines: string[]): void {
    if (lines.length && !this.outer.destroyed && this.outer.writable) this.outer.write(textToBytes(lines.join('\r\n') + '\r\n'));
  }

  private reply(lines: string[]): void {
    // smtp-server writes its replies (our texts from the hooks among them) as UTF-8.
    const last = lineFromBinary(lines[lines.length - 1]!);
    const code = Number(last.slice(0, 3));
    const text = last.slice(4);
    if (!this.engineReady) {
      this.engineReady = true;
      if (code === 220) return this.greet();
      this.greeted = true;
    }
    const head = this.fifo[0];
    if (code === 354 && head?.verb === 'DATA' && !head.content) {
      head.open = true;
      head.content = true;
      this.policy.dataMode = true;
      this.sess.dataStarted();
      return this.toClient([REPLIES.data]);
    }
    this.fifo.shift();
    if (head?.hidden) return;
    const verb = head?.verb ?? 'OTHER';
    if ((verb === 'HELO' || verb === 'EHLO') && code === 250) return this.settle(head, this.sess.hello(verb, head!.arg));
    const command = (head?.content ? 'DATA_END' : verb) as SmtpCommand;
    const out = translateReply(code, text, { command, hostname: this.sess.config.get('myhostname') });
    if (!head) return this.toClient([out]);
    if (verb === 'RSET' && code === 250) this.sess.rset();
    this.settle(head, [out]);
  }

  /**
   * smtpd_timeout: while smtpd waits for the client, on the virtual clock.
   * One clock event per session, moved on lazily: a pasted 5,000-line
   * dialogue re-arms the deadline 5,000 times but schedules once.
   */
  private armIdle(): void {
    if (this.closing || this.outer.destroyed) return;
    const ms = this.sess.config.timeMs('smtpd_timeout');
    if (ms <= 0) return;
    const clock = this.server.clock();
    this.deadline = clock.now() + ms;
    if (this.idle) return;
    const fire = () => {
      this.idle = undefined;
      if (this.closing || this.outer.destroyed) return;
      if (clock.now() < this.deadline) this.idle = clock.at(this.deadline, fire);
      else this.shutdown(timeout(this.sess.config.get('myhostname')), 'timeout');
    };
    this.idle = clock.at(this.deadline, fire);
  }

  /** The greeting, once smtp-server is ready and (port 465) the client's TLS handshake is done. */
  private greet(): void {
    if (this.greeted || !this.engineReady || !this.handshaken || this.closing) return;
    this.greeted = true;
    this.toClient([this.greeting]);
  }

  /** Plain text where a TLS ClientHello belongs (telnet to 465): the handshake fails and smtpd hangs up without a word. */
  private notTls(): void {
    this.closing = true;
    this.handshaken = true;
    this.server.clock().cancel(this.idle);
    this.sess.info(msg.sslAcceptError(this.sess.client, -1));
    this.sess.info(msg.tlsNotTls());
    this.outer.destroy();
    this.front.destroy();
  }

  /** smtpd gives up on the client: a last reply (421, 221), then the connection closes. */
  private shutdown(reply: string, reason: EndReason): void {
    if (this.closing) return;
    this.closing = true;
    this.server.clock().cancel(this.idle);
    this.sess.ended(reason);
    // Before a wrappermode client's handshake there is no channel to say anything on.
    if (this.handshaken) this.toClient([reply]);
    if (!this.outer.destroyed) this.outer.end();
    this.front.destroy();
  }
}
