/**
 * /var/log/mail.log lines in Postfix's syslog format. Timestamps are UTC
 * from simulated time and queue ids come from the seeded generator, so a
 * replayed run writes byte-identical logs.
 */
import type { SeededRandom } from '../core/rng.ts';

import { syslogStamp } from '../core/time-format.ts';

/** Syslog time and ctime live in core/time-format.ts, shared by every log writer. */
export { syslogStamp as syslogTime, ctimeShort } from '../core/time-format.ts';

export interface LogSource {
  /** Host name in the syslog line, e.g. `mail`. */
  readonly host: string;
  /** `postfix/smtpd`, `postfix/submission/smtpd`, `postfix/qmgr`... */
  readonly program: string;
  readonly pid: number;
}

export function logLine(time: number, src: LogSource, message: string): string {
  return `${syslogStamp(time)} ${src.host} ${src.program}[${src.pid}]: ${message}`;
}

/** `unknown[10.0.0.117]`: verified name (or unknown) and address. */
export function clientName(c: { ip: string; hostname?: string }): string {
  return `${c.hostname || 'unknown'}[${c.ip}]`;
}

/**
 * Postfix queue id (short form): 10-12 upper-case hex digits. Eleven is what
 * a typical spool produces (`4F9D195432C`); `taken` avoids collisions.
 */
export function newQueueId(rng: SeededRandom, taken?: { has(id: string): boolean }): string {
  for (;;) {
    const id = rng.hex(11);
    if (id[0] !== '0' && !taken?.has(id)) return id;
  }
}

export const msg = {
  connect: (c: { ip: string; hostname?: string }) => `connect from ${clientName(c)}`,
  client: (qid: string, c: { ip: string; hostname?: string }, sasl?: { method: string; username: string }) =>
    `${qid}: client=${clientName(c)}${sasl ? `, sasl_method=${sasl.method}, sasl_username=${sasl.username}` : ''}`,
  messageId: (qid: string, messageId: string) => `${qid}: message-id=<${messageId.replace(/^<|>$/g, '')}>`,
  qmgrFrom: (qid: string, from: string, size: number, nrcpt: number) => `${qid}: from=<${from}>, size=${size}, nrcpt=${nrcpt} (queue active)`,
  removed: (qid: string) => `${qid}: removed`,
  /** `from` is absent outside a mail transaction (a VRFY), as in Postfix's log_whatsup(). */
  noqueueReject: (r: { command?: string; client: { ip: string; hostname?: string }; reply: string; from?: string; to: string; proto: 'SMTP' | 'ESMTP'; helo?: string }) =>
    `NOQUEUE: reject: ${r.command ?? 'RCPT'} from ${clientName(r.client)}: ${r.reply};${r.from !== undefined ? ` from=<${r.from}>` : ''} to=<${r.to}> proto=${r.proto}${r.helo ? ` helo=<${r.helo}>` : ''}`,
  lostConnection: (after: string, c: { ip: string; hostname?: string }) => `lost connection after ${after} from ${clientName(c)}`,
  timeoutAfter: (after: string, c: { ip: string; hostname?: string }) => `timeout after ${after} from ${clientName(c)}`,
  /** A wrappermode smtpd whose client did not complete the TLS handshake (measured, Postfix 3.7.11 / OpenSSL 3.0). */
  sslAcceptError: (c: { ip: string; hostname?: string }, why: 'lost connection' | -1) => `SSL_accept error from ${clientName(c)}: ${why}`,
  /** ...and what OpenSSL says when those first bytes were plain text (`EHLO x` typed at port 465). */
  tlsNotTls: () => 'warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:../ssl/record/ssl3_record.c:350:',
  warning: (text: string) => `warning: ${text}`,
  /** BDAT's warnings (recorded on Postfix 3.7: tests/fixtures/postfix/bdat.json); `qid` is NOQUEUE before MAIL. */
  bdatMalformed: (qid: string, c: { ip: string; hostname?: string }, line: string) => `warning: ${qid}: malformed BDAT command syntax from ${clientName(c)}: ${line.slice(0, 100)}`,
  bdatNull: (qid: string, c: { ip: string; hostname?: string }) => `warning: ${qid}: null BDAT request from ${clientName(c)}`,
  bdatTooBig: (qid: string, c: { ip: string; hostname?: string }) => `warning: ${qid}: BDAT request from ${clientName(c)} exceeds message size limit`,
  fatal: (text: string) => `fatal: ${text}`,
  reload: () => 'reload -- version 3.7.11, configuration /etc/postfix',
};

/**
 * Postfix's delay format: whole seconds from 10 s up, otherwise two
 * significant digits (`1.1`, `0.04`, `0.6`), and `0` for nothing.
 */
export function formatDelay(seconds: number): string {
  if (seconds <= 0) return '0';
  if (seconds >= 10) return String(Math.round(seconds));
  return String(Number(seconds.toPrecision(2)));
}

export interface DeliveryLog {
  readonly qid: string;
  readonly to: string;
  readonly origTo?: string;
  /** `mx.example.net[198.51.100.7]:25`, `local`, `none`. */
  readonly relay: string;
  /** Total delay and the four parts (before qmgr / in qmgr / connection setup / transmission), in seconds. */
  readonly delay: number;
  readonly delays: readonly [number, number, number, number];
  readonly dsn: string;
  readonly status: 'sent' | 'deferred' | 'bounced' | 'expired';
  /** Text in the trailing parentheses, e.g. `250 2.0.0 Ok: queued as 8BDCA22DA71`. */
  readonly detail: string;
}

export function deliveryLine(d: DeliveryLog): string {
  const orig = d.origTo ? `, orig_to=<${d.origTo}>` : '';
  return `${d.qid}: to=<${d.to}>${orig}, relay=${d.relay}, delay=${formatDelay(d.delay)}, delays=${d.delays.map(formatDelay).join('/')}, dsn=${d.dsn}, status=${d.status} (${d.detail})`;
}

/** smtpd command table order; the disconnect line lists only commands that were used. */
const COMMAND_ORDER = ['helo', 'ehlo', 'xclient', 'xforward', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'bdat', 'rset', 'noop', 'vrfy', 'etrn', 'quit', 'unknown'];

/** Counts commands per session for `disconnect from ... ehlo=1 mail=1/3 ... commands=6/13`. */
export class DisconnectCounter {
  private readonly counts = new Map<string, { ok: number; total: number }>();

  /** `name` is the SMTP verb (any case); unrecognised verbs count as `unknown`. */
  record(name: string, ok: boolean): void {
    const key = COMMAND_ORDER.includes(name.toLowerCase()) ? name.toLowerCase() : 'unknown';
    const c = this.counts.get(key) ?? { ok: 0, total: 0 };
    c.total++;
    if (ok) c.ok++;
    this.counts.set(key, c);
  }

  summary(): string {
    const fmt = (ok: number, total: number) => (ok === total ? String(ok) : `${ok}/${total}`);
    const parts: string[] = [];
    let ok = 0;
    let total = 0;
    for (const key of COMMAND_ORDER) {
      const c = this.counts.get(key);
      if (!c) continue;
      parts.push(`${key}=${fmt(c.ok, c.total)}`);
      ok += c.ok;
      total += c.total;
    }
    // A session with no commands at all is logged as commands=0/0.
    parts.push(`commands=${total === 0 ? '0/0' : fmt(ok, total)}`);
    return parts.join(' ');
  }

  disconnectMessage(c: { ip: string; hostname?: string }): string {
    return `disconnect from ${clientName(c)} ${this.summary()}`;
  }
}
