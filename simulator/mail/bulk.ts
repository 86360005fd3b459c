/**
 * The bulk traffic model's door into the mail server: one whole SMTP
 * dialogue (EHLO, [STARTTLS, EHLO], [AUTH], MAIL, RCPT..., DATA, QUIT) run
 * synchronously through the same SmtpdSession steps the wire path uses —
 * same decisions, same mail.log lines, same counters and queue.
 * The caller has already asked the connect() oracle whether the packets get
 * through; `client.ip` is the address the server sees (after NAT).
 */
import { tooManyErrors } from '../postfix/index.ts';
import type { MailServer } from './mail-server.ts';
import { bulkContent, type BulkMessage } from './message.ts';
import { SmtpdSession } from './smtpd-session.ts';

export type BulkSession = {
  client: { ip: string; hostname?: string };
  service: 'smtp' | 'submission';
  helo: string;
  tls?: boolean;
  sasl?: { username: string; password: string; method?: 'PLAIN' | 'LOGIN' };
  mailFrom: string;
  rcptTo: string[];
  message: BulkMessage;
  /** Metrics only; never influences any decision. */
  tag?: 'legit' | 'spam';
  /** Stop after RCPT: the envelope's verdicts only, nothing queued (the world's counted history asks the server's audit view this way). */
  envelopeOnly?: boolean;
};

export type BulkResult = {
  /** false when the service is stopped/not listening or smtpd fatal. */
  connected: boolean;
  authOk?: boolean;
  accepted: string[];
  rejected: { rcpt: string; reply: string }[];
  queueId?: string;
  /** Final reply text of the session's last failing step, if any. */
  reply?: string;
};

export function runBulkSession(server: MailServer, s: BulkSession): BulkResult {
  const svc = server.smtpdFor(s.service);
  const result: BulkResult = { connected: false, accepted: [], rejected: [] };
  if (!svc) return result;
  if (svc.fatal) {
    server.logFatal(svc);
    return result;
  }
  result.connected = true;
  const client = { ip: s.client.ip, hostname: s.client.hostname ?? server.clientHostname(s.client.ip) };
  const sess = new SmtpdSession(server, svc, client);
  sess.open();
  const step = (verb: string, reply: string, arg = ''): boolean => {
    sess.record(verb, reply, arg);
    const ok = Number(reply.slice(0, 3)) < 400;
    if (!ok) result.reply = reply;
    return ok;
  };
  const finish = (): BulkResult => {
    step('QUIT', '221 2.0.0 Bye');
    sess.close();
    return result;
  };
  const ehlo = () => step('EHLO', sess.hello('EHLO', s.helo).at(-1)!, s.helo);
  if (!ehlo()) return finish();
  if (s.tls) {
    if (!step('STARTTLS', sess.starttls())) return finish();
    if (!ehlo()) return finish();
  }
  if (s.sasl) {
    const method = s.sasl.method ?? 'PLAIN';
    const reply = sess.authPrecheck() ?? sess.auth(method, s.sasl.username, s.sasl.password);
    result.authOk = step('AUTH', reply);
    if (!result.authOk) return finish();
  }
  if (!step('MAIL', sess.mail(`<${s.mailFrom}>`), `FROM:<${s.mailFrom}>`)) return finish();
  for (const rcpt of s.rcptTo) {
    const reply = sess.rcpt(`<${rcpt}>`);
    if (step('RCPT', reply, `TO:<${rcpt}>`)) result.accepted.push(rcpt);
    else result.rejected.push({ rcpt, reply });
    if (sess.errorLimitReached()) {
      // smtpd_hard_error_limit: 421 and hang up, as on the wire (a spambot's long list of refused
      // recipients). No DATA follows, so recipients accepted so far get nothing: they are reported with the 421.
      const reply = (result.reply = tooManyErrors(sess.config.get('myhostname')));
      for (const rcpt of result.accepted) result.rejected.push({ rcpt, reply });
      result.accepted = [];
      sess.ended('too many errors');
      sess.close();
      return result;
    }
  }
  if (result.accepted.length === 0 || s.envelopeOnly) return finish();
  const qid = sess.qid;
  const start = sess.data();
  if (!start.startsWith('354')) {
    step('DATA', start);
    return finish();
  }
  const end = sess.dataEnd(bulkContent(s.message, s.mailFrom, s.rcptTo, server.now()));
  if (step('DATA', end)) result.queueId = qid;
  return finish();
}
