/**
 * One smtpd session's decisions and log lines, as plain synchronous steps.
 * Both the wire path (smtp-server hooks behind a proxy) and the bulk traffic
 * model drive this class, so for the same dialogue they give the same
 * replies, write the same mail.log lines and move the same counters.
 */
import {
  DisconnectCounter, REPLIES, authFailed, checkMailFrom, clientName, decideRecipient, ehloLines, greeting, msg,
  type EffectiveConfig,
} from '../postfix/index.ts';
import type { MailServer, RunningService } from './mail-server.ts';
import type { MessageContent } from './message.ts';
import type { QueueRecipient } from './queue.ts';
import { checkSaslPassword } from './sasl-db.ts';
import { endOfData } from './smtpd-cleanup.ts';
import { queueRecipient, vrfyReply } from './smtpd-recipients.ts';

export type Client = { ip: string; hostname?: string };
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
  smtputf8 = false;
  qid?: string;
  rcpts: QueueRecipient[] = [];
  lastCommand = 'CONNECT';
  private closed = false;
  private quitSeen = false;
  /** Set when the idle timer ended the session (logged as "timeout after", not "lost connection"). */
  timedOut = false;

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

  /** Count a command for the disconnect line, from its final reply. */
  record(verb: string, reply: string, argument = ''): void {
    const events = this.server.sim.events;
    if (events.active) {
      events.emit({
        type: 'smtp', at: this.server.now(), session: this.number, service: this.service.name, clientIp: this.client.ip,
        fromHost: this.origin.fromHost, program: this.origin.program, command: verb.toUpperCase(), argument, reply, via: this.origin.via, probe: this.server.auditing,
      });
    }
    this.counter.record(verb, Number(reply.slice(0, 3)) < 400);
    this.lastCommand = verb.toUpperCase();
    if (this.lastCommand === 'QUIT') this.quitSeen = true;
  }

  private resetTransaction(): void {
    this.sender = undefined;
    this.qid = undefined;
    this.rcpts = [];
    this.smtputf8 = false;
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
    const level = this.config.get('smtpd_tls_security_level');
    if (level !== 'may' && level !== 'encrypt') return '502 5.5.1 Error: command not implemented';
    if (this.tls) return REPLIES.tlsActive;
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
    if (this.sender !== undefined) return REPLIES.nestedMail;
    const r = checkMailFrom({ config: this.config, sender: arg, tls: this.tls });
    if (!r.ok) {
      if (Number(r.text.slice(0, 3)) >= 400) this.server.stats.rejected++;
      return r.text;
    }
    this.sender = r.sender;
    this.smtputf8 = /(^|\s)SMTPUTF8(\s|$)/i.test(arg.replace(/^[^>]*>/, ''));
    return r.text;
  }

  rcpt(arg: string): string {
    if (this.sender === undefined) return REPLIES.needMail;
    const d = decideRecipient({
      config: this.config,
      service: this.service.name,
      client: this.client,
      helo: this.heloName,
      sender: this.sender === '' ? '<>' : `<${this.sender}>`,
      recipient: arg,
      sasl: this.sasl,
      tls: this.tls,
      smtputf8: this.smtputf8,
      lookups: this.server.lookups,
    });
    for (const w of d.warnings) this.log(msg.warning(w));
    if (d.action !== 'permit') {
      this.server.stats.rejected++;
      if (d.logReason) {
        const line = msg.noqueueReject({ client: this.client, reply: d.logReason, from: d.sender, to: d.recipient, proto: this.proto, helo: this.heloName });
        this.log(this.qid ? line.replace(/^NOQUEUE:/, `${this.qid}:`) : line);
      }
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

  data(): string {
    if (this.sender === undefined) return REPLIES.needMail;
    if (this.rcpts.length === 0) return REPLIES.needRcpt;
    return REPLIES.data;
  }

  /** End of DATA: size check, cleanup, hand to the queue manager. */
  dataEnd(content: MessageContent): string {
    const reply = endOfData(this.server, this, this.qid!, content);
    this.resetTransaction();
    return reply;
  }

  /** VRFY: Postfix answers 252 for anything it would try, 550 for an unknown local user. */
  vrfy(arg: string): string {
    return vrfyReply(this.server, this.config, arg);
  }

  rset(): string {
    this.resetTransaction();
    return REPLIES.ok;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timedOut) this.log(msg.timeoutAfter(this.lastCommand, this.client));
    else if (!this.quitSeen) this.log(msg.lostConnection(this.lastCommand, this.client));
    this.log(this.counter.disconnectMessage(this.client));
    this.server.releaseSmtpd(this.service.name, this.pid);
  }
}
