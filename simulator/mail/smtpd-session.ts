/**
 * One smtpd session's decisions and log lines, as plain synchronous steps.
 * Both the wire path (smtp-server hooks behind a proxy) and the bulk traffic
 * model drive this class, so for the same dialogue they give the same
 * replies, write the same mail.log lines and move the same counters.
 */
import {
  DisconnectCounter, REPLIES, authFailed, bdatDiscarded, checkMailFrom, clientName, decideRecipient, ehloLines, greeting, msg,
  type EffectiveConfig,
} from '../postfix/index.ts';
import type { MailServer, RunningService } from './mail-server.ts';
import type { MessageContent } from './message.ts';
import type { QueueRecipient } from './queue.ts';
import { checkSaslPassword } from './sasl-db.ts';
import { BdatTransaction, type BdatCommand } from './smtpd-bdat.ts';
import { abandonCleanup, endOfData } from './smtpd-cleanup.ts';
import { queueRecipient, vrfyPrecheck } from './smtpd-recipients.ts';

/**
 * A MAIL/RCPT path as the client wrote it, without brackets, parameters or a
 * source route (fixture: `to=<"victim@example.net"@corp.example>` while the
 * reply says `<victim@example.net@corp.example>`); undefined if unbalanced.
 */
function asGiven(arg: string): string | undefined {
  const a = arg.trim();
  let addr = a.split(/\s+/)[0] ?? '';
  if (a.startsWith('<')) {
    let quoted = false;
    let end = -1;
    for (let i = 1; i < a.length && end < 0; i++) {
      if (a[i] === '\\') i++;
      else if (a[i] === '"') quoted = !quoted;
      else if (a[i] === '>' && !quoted) end = i;
    }
    if (end < 0) return undefined;
    addr = a.slice(1, end);
  }
  addr = addr.replace(/^@[^:]*:/, '');
  // A path that is one quoted string is logged unquoted (fixture: <"victim@example.net"> → to=<victim@example.net>).
  const whole = /^"((?:[^"\\]|\\.)*)"$/.exec(addr);
  return whole ? whole[1]!.replace(/\\(.)/g, '$1') : addr;
}

/** smtpd_recipient_overshoot_limit's default. */
const RECIPIENT_OVERSHOOT_LIMIT = 1000;

export type Client = { ip: string; hostname?: string };
/** smtpd hangs up itself: a timeout and too many errors are logged; after a non-SMTP or malformed BDAT command only the disconnect is. */
export type EndReason = 'timeout' | 'too many errors' | 'non-SMTP command' | 'malformed BDAT';
/** Where a session came from, for the event stream: a socket (and which machine) or the bulk model. */
export type SessionOrigin = { via: 'wire' | 'bulk'; fromHost?: string; program?: string };

export class SmtpdSession {
  readonly counter = new DisconnectCounter();
  readonly config: EffectiveConfig;
  readonly pid: number;
  heloName = '';
  proto: 'SMTP' | 'ESMTP' = 'SMTP';
  tls = false;
  sasl?: { method: string; username: string };
  /** Internal-form sender once MAIL was accepted. */
  sender?: string;
  /** The sender as the client wrote it, for reject log lines. */
  private senderAsGiven?: string;
  smtputf8 = false;
  qid?: string;
  rcpts: QueueRecipient[] = [];
  /** An RFC 3030 BDAT transaction in progress (smtpd-bdat.ts). */
  bdat?: BdatTransaction;
  /** A BDAT chunk is being read (a connection lost now was lost "after BDAT"). */
  private bdatReading = false;
  /** Postfix's state->where: the stage named in "lost connection after ..." lines. */
  lastCommand = 'CONNECT';
  private closed = false;
  private quitSeen = false;
  /** Why smtpd itself ended the session (logged instead of "lost connection"). */
  private endReason?: EndReason;
  /** Postfix's error_count: every command answered 4xx/5xx, for smtpd_hard_error_limit. */
  private errors = 0;
  /** Content bytes received since 354, while in DATA ("lost connection after DATA (N bytes)"). */
  private dataBytes?: number;
  private afterEom = false;
  /** RCPTs past smtpd_recipient_limit; the latest one still counts as a success when this is set. */
  private overshoot = 0;
  private overshootOk = false;

  constructor(
    private readonly server: MailServer,
    readonly service: RunningService,
    readonly client: Client,
    private readonly origin: SessionOrigin = { via: 'bulk' },
  ) {
    // The session keeps the config it started with: a reload only affects new smtpd processes.
    this.config = service.config;
    this.pid = server.acquireSmtpd(service.name);
    this.number = server.nextSessionNumber();
  }
  /** This session's number in the event stream. */
  private readonly number: number;

  private log(message: string): void {
    this.server.log.write(this.service.program, this.pid, message);
  }

  /** Greeting line; logs the connect. */
  open(): string {
    this.server.stats.connections++;
    this.log(msg.connect(this.client));
    return greeting(this.config);
  }

  /** Count a command for the disconnect line, from its final reply (`failed` for a 221 that refuses). */
  record(verb: string, reply: string, argument = '', failed = false): void {
    const events = this.server.sim.events;
    if (events.active) {
      events.emit({
        type: 'smtp', at: this.server.now(), session: this.number, service: this.service.name, clientIp: this.client.ip,
        fromHost: this.origin.fromHost, program: this.origin.program, command: verb.toUpperCase(), argument, reply, via: this.origin.via, probe: this.server.auditing,
      });
    }
    const ok = !failed && (Number(reply.slice(0, 3)) < 400 || this.overshootOk);
    this.overshootOk = false;
    this.counter.record(verb, ok);
    if (!ok) this.errors++;
    this.lastCommand = verb.toUpperCase();
    // After the final dot (or the LAST chunk) Postfix's stage is END-OF-MESSAGE, and a client leaving then is not logged.
    if ((this.lastCommand === 'DATA' || this.lastCommand === 'BDAT') && this.afterEom) this.lastCommand = 'END-OF-MESSAGE';
    this.afterEom = false;
    if (this.lastCommand === 'QUIT') this.quitSeen = true;
  }

  /** An error that is not a command (a line with bad UTF-8). */
  countError(): void {
    this.errors++;
  }

  /** smtpd_hard_error_limit reached: smtpd answers 421 and hangs up. */
  errorLimitReached(): boolean {
    const limit = this.config.num('smtpd_hard_error_limit');
    return limit > 0 && this.errors >= limit;
  }

  /** smtpd ends the session itself (the caller sends the 421). */
  ended(reason: EndReason): void {
    this.endReason = reason;
  }

  /** 354 was sent: what follows is message content. */
  dataStarted(): void {
    this.dataBytes = 0;
  }

  dataProgress(bytes: number): void {
    if (this.dataBytes !== undefined) this.dataBytes += bytes;
  }

  warn(text: string): void {
    this.log(msg.warning(text));
  }

  info(text: string): void {
    this.log(text);
  }

  private resetTransaction(): void {
    this.abandonBdat();
    this.sender = undefined;
    this.senderAsGiven = undefined;
    this.qid = undefined;
    this.rcpts = [];
    this.smtputf8 = false;
    this.overshoot = 0;
  }

  hello(verb: 'HELO' | 'EHLO', arg: string): string[] {
    const name = arg.trim();
    if (!name) return [verb === 'HELO' ? REPLIES.heloSyntax : REPLIES.ehloSyntax];
    this.resetTransaction();
    this.heloName = name;
    this.proto = verb === 'HELO' ? 'SMTP' : 'ESMTP';
    if (verb === 'HELO') return [`250 ${this.config.get('myhostname')}`];
    return ehloLines(this.config, { tls: this.tls });
  }

  /** RFC 3207: after 220 the session is "encrypted" and starts over (HELO forgotten). */
  starttls(): string {
    // Checked first: a wrappermode session (465) is encrypted whatever the level (measured: 554, not 502).
    if (this.tls) return REPLIES.tlsActive;
    const level = this.config.get('smtpd_tls_security_level');
    if (level !== 'may' && level !== 'encrypt') return '502 5.5.1 Error: command not implemented';
    this.tls = true;
    this.heloName = '';
    this.resetTransaction();
    return REPLIES.tlsReady;
  }

  /** Why AUTH cannot start now, as Postfix answers; undefined when it can. */
  authPrecheck(): string | undefined {
    if (!this.config.bool('smtpd_sasl_auth_enable') || (this.config.bool('smtpd_tls_auth_only') && !this.tls)) return REPLIES.authNotEnabled;
    if (!this.heloName) return REPLIES.needHelo;
    if (this.sasl) return REPLIES.alreadyAuthenticated;
    if (this.sender !== undefined) return '503 5.5.1 Error: MAIL transaction in progress';
    return undefined;
  }

  auth(method: string, login: string, password: string): string {
    const m = method.toUpperCase();
    if (m !== 'PLAIN' && m !== 'LOGIN') return REPLIES.authMechanism;
    const ok = checkSaslPassword(this.server.saslDbText(), login, password, this.config.get('myhostname'));
    if (ok) {
      this.sasl = { method: m, username: ok };
      return REPLIES.authOk;
    }
    this.log(msg.warning(`${clientName(this.client)}: SASL ${m} authentication failed: authentication failure`));
    return authFailed();
  }

  mail(arg: string): string {
    if (this.config.bool('smtpd_helo_required') && !this.heloName) return REPLIES.needHelo;
    if (this.bdat) return REPLIES.mailAfterBdat;
    if (this.sender !== undefined) return REPLIES.nestedMail;
    const r = checkMailFrom({ config: this.config, sender: arg, tls: this.tls });
    if (!r.ok) {
      if (Number(r.text.slice(0, 3)) >= 400) this.server.stats.rejected++;
      return r.text;
    }
    // A UTF-8 address without SMTPUTF8 is taken (seen on Postfix 3.7); SMTPUTF8 marks the message UTF8SMTP.
    this.sender = r.sender;
    this.senderAsGiven = asGiven(arg);
    this.smtputf8 = /(^|\s)SMTPUTF8(\s|$)/i.test(arg.replace(/^[^>]*>/, ''));
    return r.text;
  }

  rcpt(arg: string): string {
    if (this.sender === undefined) return REPLIES.needMail;
    if (this.bdat) return REPLIES.rcptAfterBdat;
    const limit = this.config.num('smtpd_recipient_limit');
    if (limit > 0 && this.rcpts.length >= limit) {
      // Postfix counts these as successes (and no error) up to smtpd_recipient_overshoot_limit (1000).
      if (this.overshoot++ < RECIPIENT_OVERSHOOT_LIMIT) this.overshootOk = true;
      return REPLIES.tooManyRecipients;
    }
    const d = this.decide(arg);
    for (const w of d.warnings) this.log(msg.warning(w));
    if (d.action !== 'permit') {
      this.server.stats.rejected++;
      this.logReject('RCPT', d, arg);
      return d.text;
    }
    if (!this.qid) {
      this.qid = this.server.newQueueId();
      this.log(msg.client(this.qid, this.client, this.sasl));
    }
    this.rcpts.push(queueRecipient(this.config, d));
    if (d.relayed) this.server.stats.relayed++;
    return d.text;
  }

  /** The relay and recipient restrictions for one address (RCPT, and VRFY as Postfix runs them). */
  private decide(arg: string) {
    return decideRecipient({
      config: this.config,
      service: this.service.name,
      client: this.client,
      helo: this.heloName,
      sender: !this.sender ? '<>' : `<${this.sender}>`,
      recipient: arg,
      sasl: this.sasl,
      tls: this.tls,
      smtputf8: this.smtputf8,
      lookups: this.server.lookups,
    });
  }

  /** The reject line; the addresses as the client wrote them (quotes kept, a source route dropped), as Postfix logs them. */
  private logReject(command: 'RCPT' | 'VRFY', d: ReturnType<SmtpdSession['decide']>, arg: string): void {
    if (!d.logReason) return;
    const from = this.sender === undefined ? undefined : (this.senderAsGiven ?? d.sender);
    const line = msg.noqueueReject({
      command, client: this.client, reply: d.logReason, from, to: asGiven(arg) ?? d.recipient, proto: this.proto, helo: this.heloName,
    });
    this.log(this.qid ? line.replace(/^NOQUEUE:/, `${this.qid}:`) : line);
  }

  /** Postfix's data_cmd: 503 need RCPT outside a transaction, 554 no valid recipients inside one. */
  data(): string {
    if (this.bdat) return REPLIES.dataAfterBdat;
    if (this.sender === undefined) return REPLIES.needRcpt;
    if (this.rcpts.length === 0) return REPLIES.noValidRecipients;
    return REPLIES.data;
  }

  /** End of DATA: size check, cleanup, hand to the queue manager. */
  dataEnd(content: MessageContent): string {
    const reply = endOfData(this.server, this, this.qid!, content);
    this.resetTransaction();
    this.dataBytes = undefined;
    this.afterEom = true;
    return reply;
  }

  /** A malformed BDAT (the caller answers 521 and hangs up). */
  bdatMalformed(line: string): void {
    this.log(msg.bdatMalformed(this.qid ?? 'NOQUEUE', this.client, line));
  }

  /**
   * BDAT's checks before its chunk is read, in Postfix's order: undefined
   * when the chunk is taken, else the refusal, sent once the chunk has been
   * read and dropped (bdatEnd). A refusal makes the transaction a failed one.
   */
  bdatBegin(cmd: BdatCommand): string | undefined {
    this.bdatReading = true;
    if (this.bdat?.failed) return bdatDiscarded(cmd.size);
    const t = (this.bdat ??= new BdatTransaction());
    const refuse = (reply: string, warning?: string): string => {
      if (warning) this.log(warning);
      t.failed = true;
      return reply;
    };
    if (this.rcpts.length === 0) return refuse(this.sender === undefined ? REPLIES.needRcpt : REPLIES.noValidRecipients);
    if (cmd.size === 0 && !cmd.last) return refuse(REPLIES.bdatNull, msg.bdatNull(this.qid!, this.client));
    const limit = this.config.num('message_size_limit');
    if (limit > 0 && t.bytes + cmd.size > limit) return refuse(REPLIES.bdatTooBig, msg.bdatTooBig(this.qid!, this.client));
    return undefined;
  }

  /** Octets of a taken chunk as they arrive. */
  bdatData(binary: string): void {
    this.bdat?.add(binary);
  }

  /** The chunk has been read: the reply. A LAST chunk queues the message, or ends the failed transaction. */
  bdatEnd(cmd: BdatCommand, refusal: string | undefined): string {
    this.bdatReading = false;
    const t = this.bdat!;
    if (refusal) {
      if (cmd.last) this.resetTransaction();
      return refusal;
    }
    if (!cmd.last) return `250 2.0.0 Ok: ${t.bytes} bytes`;
    this.bdat = undefined;
    const content = t.finish();
    return this.dataEnd(content).replace(/^250 2\.0\.0 Ok: /, `250 2.0.0 Ok: ${t.bytes} bytes `);
  }

  /** A BDAT transaction ends without a message (RSET, EHLO, a failed LAST chunk, a lost connection). */
  private abandonBdat(): void {
    const t = this.bdat;
    this.bdat = undefined;
    if (t && t.bytes > 0 && this.qid) abandonCleanup(this.server, this.qid, t.messageId(), t.failed);
  }

  /** VRFY: syntax, then the recipient restrictions as for RCPT (a reject is logged); 252 for the rest. */
  vrfy(arg: string): string {
    const pre = vrfyPrecheck(this.config, arg);
    if (pre) return pre;
    const d = this.decide(arg.trim());
    for (const w of d.warnings) this.log(msg.warning(w));
    if (d.action === 'permit') return `252 2.0.0 ${arg.trim()}`;
    this.logReject('VRFY', d, arg);
    return d.text;
  }

  rset(): string {
    this.resetTransaction();
    return REPLIES.ok;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const inBdat = this.bdatReading || (this.bdat !== undefined && this.lastCommand === 'BDAT');
    const where = this.dataBytes !== undefined ? `DATA (${this.dataBytes} bytes)` : inBdat ? `BDAT (${this.bdat?.bytes ?? 0} bytes)` : this.lastCommand;
    if (this.dataBytes !== undefined) this.counter.record('DATA', false);
    if (this.bdatReading) this.counter.record('BDAT', false);
    if (this.endReason === 'timeout') this.log(msg.timeoutAfter(where, this.client));
    else if (this.endReason === 'too many errors') this.log(`${this.endReason} after ${where} from ${clientName(this.client)}`);
    else if (!this.endReason && !this.quitSeen && where !== 'END-OF-MESSAGE') this.log(msg.lostConnection(where, this.client));
    this.log(this.counter.disconnectMessage(this.client));
    // cleanup notices the abandoned stream after smtpd has gone (fixture: message-id after the disconnect line).
    this.abandonBdat();
    this.server.releaseSmtpd(this.service.name, this.pid);
  }
}
