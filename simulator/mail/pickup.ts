/**
 * Mail submitted on the mail host itself (sendmail(1), mail(1)): postdrop leaves it in
 * the maildrop, pickup(8) hands it to cleanup(8), which adds what a local submission
 * lacks — the `Received: by … (Postfix, from userid N)` header, Message-Id, Date and
 * From — and qualifies bare addresses with $myorigin, then the queue manager takes over.
 * Log lines and header order as measured on Postfix 3.7.
 */
import { postfixMailDate } from '../core/time-format.ts';
import { msg } from '../postfix/index.ts';
import type { MailServer } from './mail-server.ts';
import { eagerContent } from './message.ts';

export type LocalSubmission = {
  /** Login name and uid of the submitting user. */
  user: string;
  uid: number;
  /** Envelope sender as given (-f), else the login name. */
  sender?: string;
  recipients: string[];
  /** The message as read from stdin (LF line ends). */
  text: string;
};

/** YYYYMMDDhhmmss of a virtual time, as cleanup's generated Message-Id starts. */
function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** Queue a locally submitted message; returns its queue id. */
export function submitLocal(server: MailServer, sub: LocalSubmission): string {
  const config = server.mainConfig();
  const myhostname = config.get('myhostname');
  const myorigin = config.get('myorigin');
  const qualify = (a: string) => (a === '' || a.includes('@') ? a : `${a}@${myorigin}`);
  const now = server.now();
  const id = server.newQueueId();
  const rawSender = sub.sender ?? sub.user;
  server.log.write('postfix/pickup', server.pids.pickup, `${id}: uid=${sub.uid} from=<${rawSender}>`);

  const text = sub.text.replace(/\r\n/g, '\n');
  const split = text.search(/^\n/m);
  const head = split >= 0 ? text.slice(0, split) : /^[\x21-\x39\x3b-\x7e]+:/.test(text) ? text : '';
  const body = split >= 0 ? text.slice(split) : head ? '\n' : '\n' + text;
  const has = (name: string) => new RegExp(`^${name}:`, 'im').test(head);
  const messageId = `${stamp(now)}.${id}@${myhostname}`;
  let added = '';
  if (!has('Message-Id')) added += `Message-Id: <${messageId}>\n`;
  if (!has('Date')) added += `Date: ${postfixMailDate(now)}\n`;
  if (!has('From')) added += `From: ${sub.user} <${qualify(sub.user)}>\n`;
  const headers = head && !head.endsWith('\n') ? head + '\n' : head;
  const content = eagerContent(headers + added + body);
  server.log.write('postfix/cleanup', server.pids.cleanup, msg.messageId(id, content.messageId || messageId));

  const received = `Received: by ${myhostname} (Postfix, from userid ${sub.uid})\n\tid ${id}; ${postfixMailDate(now)}\n`;
  const rcpts = sub.recipients.map((r) => {
    const address = qualify(r);
    return { address, domain: address.slice(address.lastIndexOf('@') + 1).toLowerCase(), local: server.isLocalAddress(address) };
  });
  server.stats.received++;
  server.queue.enqueue({ id, sender: qualify(rawSender), rcpts, content, received, arrival: now });
  return id;
}
