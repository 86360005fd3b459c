/**
 * Local delivery in mbox format (/var/mail/USER), as Postfix's local(8)
 * writes it: a "From " envelope line, Return-Path and Delivered-To headers,
 * and body lines starting with "From " quoted as ">From ".
 */
import { asctime } from '../core/time-format.ts';

export function mboxEntry(opts: { from: string; to: string; arrivedAt: number; data: string }): string {
  const sender = opts.from || 'MAILER-DAEMON';
  const body = opts.data.replace(/\r\n/g, '\n').replace(/\n?$/, '\n');
  const quoted = body.replace(/^(>*From )/gm, '>$1');
  return (
    `From ${sender}  ${asctime(opts.arrivedAt)}\n` +
    `Return-Path: <${opts.from}>\n` +
    `X-Original-To: ${opts.to}\n` +
    `Delivered-To: ${opts.to}\n` +
    quoted +
    '\n'
  );
}

/** Split an mbox file back into messages (for `mail` and the grader). */
export function parseMbox(text: string): Array<{ envelopeFrom: string; raw: string }> {
  const out: Array<{ envelopeFrom: string; raw: string }> = [];
  const parts = text.split(/^From (\S+) .*$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    out.push({ envelopeFrom: parts[i]!, raw: parts[i + 1]!.replace(/^\n/, '').replace(/\n\n$/, '\n') });
  }
  return out;
}
