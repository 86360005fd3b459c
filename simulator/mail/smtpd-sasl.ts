/**
 * One AUTH exchange as Postfix's smtpd runs it with Cyrus SASL (PLAIN and
 * LOGIN), with Postfix's replies and warnings: the proxy runs it itself, so
 * none of smtp-server's own SASL wording ("Error: invalid userdata") can
 * reach a learner. Texts from Postfix 3.7's smtpd_sasl_glue.c and
 * xsasl_cyrus_server.c (from the source, not yet seen on the wire).
 */
import { REPLIES, authFailed, clientName } from '../postfix/index.ts';
import type { SmtpdSession } from './smtpd-session.ts';

export type SaslStep = { reply: string; done: boolean };

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decode64(s: string): string | undefined {
  if (!B64.test(s)) return undefined;
  return new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
}

export class SaslExchange {
  readonly method: string;
  private user?: string;

  constructor(
    private readonly sess: SmtpdSession,
    method: string,
    private readonly initial: string | undefined,
  ) {
    this.method = method.toUpperCase();
  }

  /** The reply to the AUTH command line itself. */
  start(): SaslStep {
    if (this.initial === undefined) return this.challenge();
    // "=" is an empty initial response (RFC 4954).
    const text = this.initial === '=' ? '' : decode64(this.initial);
    if (text === undefined) return { reply: '501 5.5.2 Invalid base64 data in initial response', done: true };
    return this.take(text);
  }

  /** The reply to one client response line after a 334. */
  step(line: string): SaslStep {
    if (line === '*') {
      this.sess.warn(`${clientName(this.sess.client)}: SASL ${this.method} authentication aborted`);
      return { reply: '501 5.7.0 Authentication aborted', done: true };
    }
    const text = decode64(line);
    if (text === undefined) return { reply: '501 5.5.2 Invalid base64 data in continued response', done: true };
    return this.take(text);
  }

  private challenge(): SaslStep {
    if (this.method === 'PLAIN') return { reply: '334 ', done: false };
    return { reply: this.user === undefined ? '334 VXNlcm5hbWU6' : '334 UGFzc3dvcmQ6', done: false };
  }

  private take(text: string): SaslStep {
    if (this.method === 'LOGIN') {
      if (this.user === undefined) {
        this.user = text;
        return this.challenge();
      }
      return { reply: this.sess.auth('LOGIN', this.user, text), done: true };
    }
    const parts = text.split('\0');
    if (parts.length !== 3 || !parts[1]) {
      // Cyrus's PLAIN plugin: SASL_BADPROT.
      this.sess.warn(`${clientName(this.sess.client)}: SASL PLAIN authentication failed: bad protocol / cancel`);
      return { reply: authFailed('bad protocol / cancel'), done: true };
    }
    return { reply: this.sess.auth('PLAIN', parts[1], parts[2]!), done: true };
  }
}

/** Why `AUTH <arg>` cannot start an exchange, as Postfix answers (after the session's own checks). */
export function authSyntax(arg: string): string | undefined {
  const words = arg.trim().split(/\s+/).filter(Boolean);
  if (words.length < 1 || words.length > 2) return '501 5.5.4 Syntax: AUTH mechanism';
  const m = words[0]!.toUpperCase();
  if (m !== 'PLAIN' && m !== 'LOGIN') return REPLIES.authMechanism;
  return undefined;
}
