/**
 * End of DATA: the message_size_limit check, then cleanup(8)'s part: the
 * Received: header, the message-id log line, the envelope sender canonicalised
 * with $myorigin, and the hand-over to the queue manager.
 */
import { REPLIES, msg, queued, type EffectiveConfig } from '../postfix/index.ts';
import type { MailServer } from './mail-server.ts';
import { receivedHeader, withBodySeparator, type MessageContent } from './message.ts';
import type { QueueRecipient } from './queue.ts';
import type { Client } from './smtpd-session.ts';

/** What the session knows about the transaction being queued. */
export interface AcceptedTransaction {
  readonly config: EffectiveConfig;
  readonly client: Client;
  readonly heloName: string;
  readonly proto: 'SMTP' | 'ESMTP';
  readonly tls: boolean;
  /** MAIL FROM carried SMTPUTF8. */
  readonly smtputf8: boolean;
  readonly sasl?: { method: string; username: string };
  /** Internal-form envelope sender. */
  readonly sender?: string;
  readonly rcpts: QueueRecipient[];
}

/**
 * A transaction abandoned after content reached cleanup (a BDAT transaction
 * ended by RSET, EHLO, a lost connection or a failed chunk): cleanup logs the
 * message-id it saw, and after a failed chunk smtpd's close of the stream
 * fails. Nothing is queued.
 */
export function abandonCleanup(server: MailServer, qid: string, messageId: string, failed: boolean): void {
  server.log.write('postfix/cleanup', server.pids.cleanup, msg.messageId(qid, messageId));
  if (failed) server.log.write('postfix/cleanup', server.pids.cleanup, msg.warning('mail_stream_cleanup: close error'));
}

/** Queue message `qid` unless it is too big; the reply to the final dot. The caller resets the transaction. */
export function endOfData(server: MailServer, t: AcceptedTransaction, qid: string, content: MessageContent): string {
  const limit = t.config.num('message_size_limit');
  if (limit > 0 && content.size > limit) return REPLIES.sizeExceeded;
  const now = server.now();
  // RFC 6531: a message sent with SMTPUTF8 is received "with UTF8SMTP" (seen on Postfix 3.7).
  const base = t.proto === 'ESMTP' && t.smtputf8 ? 'UTF8SMTP' : t.proto;
  const proto = base + (t.proto === 'ESMTP' ? (t.tls ? 'S' : '') + (t.sasl ? 'A' : '') : '');
  const received = receivedHeader({
    helo: t.heloName, client: t.client, myhostname: t.config.get('myhostname'), proto, qid,
    rcpt: t.rcpts.length === 1 ? t.rcpts[0]!.orig ?? t.rcpts[0]!.address : undefined, time: now,
  });
  server.log.write('postfix/cleanup', server.pids.cleanup, msg.messageId(qid, content.messageId));
  server.stats.received++;
  // cleanup canonicalises a bare envelope sender with $myorigin (append_at_myorigin = yes).
  const bare = t.sender !== '' && !t.sender!.includes('@') && t.config.bool('append_at_myorigin');
  const sender = bare ? `${t.sender}@${t.config.get('myorigin')}` : t.sender!;
  server.queue.enqueue({ id: qid, sender, rcpts: t.rcpts, content: withBodySeparator(content), received, arrival: now });
  return queued(qid);
}
