/**
 * The non-delivery notice bounce(8) sends, in Postfix's own shape: a
 * multipart/report (RFC 3462) with the human-readable notification, the
 * machine-readable message/delivery-status part (RFC 3464: Reporting-MTA,
 * X-Postfix-Queue-ID, Final-Recipient, Action, Status, Remote-MTA,
 * Diagnostic-Code) and the returned message's headers (text/rfc822-headers,
 * what Postfix attaches when the whole message is not returned — we never
 * keep bulk bodies around just to bounce them). The wording of the
 * notification is Postfix 3.7's default bounce template; the staff track
 * shows this text to employees, so it must read like the real thing.
 */
import { postfixMailDate } from '../core/time-format.ts';

export type BounceFacts = {
  /** myhostname of the bouncing server. */
  host: string;
  /** Queue id of the notice itself (its Message-Id). */
  id: string;
  /** Queue id and arrival of the message that could not be delivered. */
  origId: string;
  arrival: number;
  now: number;
  sender: string;
  rcpt: string;
  /** The delivery agent's reason, as mail.log's status=bounced (…) shows it. */
  why: string;
  /** RFC 3463 status, e.g. 5.7.1. */
  dsn: string;
  /** Headers of the returned message (Received: lines first). */
  headers: string;
};

/** Postfix folds long lines of the notification at about 76 columns, continuing with four spaces. */
function fold(text: string, width = 76): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = `    ${word}`;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(line);
  return out.join('\n');
}

/** `host mx.example.net[198.51.100.7] said: 554 5.7.1 … (in reply to RCPT TO command)` → the remote MTA and its reply. */
function remoteParts(why: string): { mta?: string; reply?: string } {
  const m = /^host ([^\s[]+)\[[^\]]*\] said: (.*?)(?: \(in reply to .* command\))?$/.exec(why);
  return m ? { mta: m[1], reply: m[2] } : {};
}

export function bounceNotice(f: BounceFacts): string {
  const boundary = `${f.origId}.${Math.floor(f.now / 1000)}/${f.host}`;
  const { mta, reply } = remoteParts(f.why);
  const diagnostic = reply ? `smtp; ${reply}` : `X-Postfix; ${f.why}`;
  return (
    `From: MAILER-DAEMON@${f.host} (Mail Delivery System)\n` +
    `Subject: Undelivered Mail Returned to Sender\n` +
    `To: ${f.sender}\n` +
    `Auto-Submitted: auto-replied\n` +
    `MIME-Version: 1.0\n` +
    `Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="${boundary}"\n` +
    `Content-Transfer-Encoding: 8bit\n` +
    `Message-Id: <${f.id}@${f.host}>\n\n` +
    `This is a MIME-encapsulated message.\n\n` +
    `--${boundary}\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n` +
    `This is the mail system at host ${f.host}.\n\n` +
    `I'm sorry to have to inform you that your message could not\n` +
    `be delivered to one or more recipients. It's attached below.\n\n` +
    `For further assistance, please send mail to postmaster.\n\n` +
    `If you do so, please include this problem report. You can\n` +
    `delete your own text from the attached returned message.\n\n` +
    `                   The mail system\n\n` +
    `${fold(`<${f.rcpt}>: ${f.why}`)}\n\n` +
    `--${boundary}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n` +
    `Reporting-MTA: dns; ${f.host}\n` +
    `X-Postfix-Queue-ID: ${f.origId}\n` +
    `X-Postfix-Sender: rfc822; ${f.sender}\n` +
    `Arrival-Date: ${postfixMailDate(f.arrival)}\n\n` +
    `Final-Recipient: rfc822; ${f.rcpt}\n` +
    `Original-Recipient: rfc822;${f.rcpt}\n` +
    `Action: failed\n` +
    `Status: ${f.dsn}\n` +
    (mta ? `Remote-MTA: dns; ${mta}\n` : '') +
    `${fold(`Diagnostic-Code: ${diagnostic}`)}\n\n` +
    `--${boundary}\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n` +
    f.headers.replace(/\n*$/, '\n') +
    `\n--${boundary}--\n`
  );
}

/** The header block of a message text (up to the first empty line). */
export function headerBlock(text: string): string {
  const end = text.indexOf('\n\n');
  return end < 0 ? text : text.slice(0, end + 1);
}
