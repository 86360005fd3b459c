/**
 * RFC 5965 abuse reports as the ISP's abuse desk sends them: a
 * multipart/report (report-type=feedback-report) with a human-readable part,
 * the machine-readable message/feedback-report, and the original message as
 * message/rfc822. Warnings and the port-25 notice use the same format, with
 * sterner words in the first part.
 */
import { rfc5322Date as rfc2822 } from '../core/time-format.ts';
import type { SpamSample } from './ledger.ts';

export type ArfLevel = 'complaint' | 'warning' | 'block-notice';

const INTRO: Record<ArfLevel, string> = {
  complaint:
    'We received a complaint about unsolicited bulk email (spam) sent from an address\n' +
    'assigned to your organisation. Please investigate and stop the abuse.\n',
  warning:
    'WARNING: spam from your address has continued after our previous report.\n' +
    'If it does not stop, we will block outbound TCP port 25 for your connection.\n',
  'block-notice':
    'NOTICE: because spam from your address continued after our warning, outbound\n' +
    'TCP port 25 will be blocked for your connection (M3AAWG "Managing Port 25").\n' +
    'Send mail through an authenticated submission server (port 587) instead.\n',
};

export function arfSubject(level: ArfLevel, ip: string): string {
  const tag = level === 'complaint' ? 'Abuse report' : level === 'warning' ? 'WARNING: continued abuse' : 'NOTICE: port 25 block';
  return `${tag} for ${ip} [case ${ip.replace(/\./g, '')}]`;
}

/** The full RFC 5322 message text (CRLF-free; the mailbox normalises line ends). */
export function arfMessage(o: { level: ArfLevel; ip: string; count: number; sample: SpamSample; now: number; boundary: string; messageId: string }): string {
  const s = o.sample;
  const original =
    `Received: from ${s.helo} ([${s.sourceIp}])\n\tby ${s.to.slice(s.to.indexOf('@') + 1)} with ESMTP; ${rfc2822(s.at)}\n` +
    `From: <${s.from}>\nTo: <${s.to}>\nSubject: ${s.subject}\nDate: ${rfc2822(s.at)}\nMessage-ID: <${s.messageId}>\n\n` +
    'Limited offer! Click the link below to claim your prize.\n';
  const b = o.boundary;
  return (
    `From: ISP Abuse Desk <abuse@isp.example>\nTo: postmaster@corp.example\n` +
    `Subject: ${arfSubject(o.level, o.ip)}\nDate: ${rfc2822(o.now)}\nMessage-ID: <${o.messageId}>\n` +
    `MIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report;\n\tboundary="${b}"\n\n` +
    `--${b}\nContent-Type: text/plain; charset="US-ASCII"\nContent-Transfer-Encoding: 7bit\n\n` +
    INTRO[o.level] +
    `\nSource IP: ${o.ip}\nMessages reported since our last report: ${o.count}\n\n-- \nisp.example Abuse Desk\n\n` +
    `--${b}\nContent-Type: message/feedback-report\n\n` +
    `Feedback-Type: abuse\nUser-Agent: isp-abuse-desk/2.1\nVersion: 1\n` +
    `Original-Mail-From: <${s.from}>\nOriginal-Rcpt-To: <${s.to}>\nArrival-Date: ${rfc2822(s.at)}\n` +
    `Reporting-MTA: dns; mail.isp.example\nSource-IP: ${o.ip}\nIncidents: ${o.count}\n\n` +
    `--${b}\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n` +
    original +
    `\n--${b}--\n`
  );
}
