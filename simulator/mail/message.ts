/**
 * Message content as the queue keeps it. Wire messages carry their bytes;
 * bulk-model messages (a day of spam) are described by subject and size and
 * only materialised when someone looks (postcat, a mailbox), so a simulated
 * day costs no more memory than its log lines.
 */
import { postfixMailDate, rfc5322Date } from '../core/time-format.ts';
import { contentText } from './wire-bytes.ts';

export type MessageContent = {
  /** Size in bytes of the content as received (LF line ends). */
  readonly size: number;
  /** Message-ID header value without brackets, '' when the message has none. */
  readonly messageId: string;
  text(): string;
};

export function eagerContent(raw: string): MessageContent {
  const text = raw.replace(/\r\n/g, '\n');
  return { size: text.length, messageId: messageIdOf(text), text: () => text };
}

/**
 * A message as received on the wire: its size counts bytes (as Postfix's
 * size= does), its text is what the simulation's files hold — the UTF-8
 * decoded bytes, so `Subject: café` reaches /var/mail byte for byte (with
 * one char per byte when the bytes are not UTF-8), with LF line ends.
 */
export function wireContent(bytes: Uint8Array): MessageContent {
  let crlf = 0;
  for (let i = 1; i < bytes.length; i++) if (bytes[i] === 10 && bytes[i - 1] === 13) crlf++;
  // A bare CR reaches the mailbox as a space (recorded on Postfix 3.7, DATA and BDAT alike).
  const text = contentText(bytes).replace(/\r\n/g, '\n').replace(/\r/g, ' ');
  return { size: bytes.length - crlf, messageId: messageIdOf(text), text: () => text };
}

/** Postfix's is_header(): printable non-space characters, then a colon. */
export const HEADER_LIKE = /^[\x21-\x39\x3b-\x7e]+:/;

/**
 * cleanup(8) starts the body at the first line that is neither a header nor
 * a header's continuation, and puts an empty line before it when the sender
 * did not (recorded: a message whose first line is `xx`).
 */
export function withBodySeparator(content: MessageContent): MessageContent {
  let text: string | undefined;
  return { size: content.size, messageId: content.messageId, text: () => (text ??= separate(content.text())) };
}

function separate(text: string): string {
  let pos = 0;
  let inHeader = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    if (HEADER_LIKE.test(line) || (inHeader && /^[ \t]/.test(line))) {
      inHeader = true;
      pos = end + 1;
      continue;
    }
    return line === '' ? text : text.slice(0, pos) + '\n' + text.slice(pos);
  }
  return text;
}

export function messageIdOf(text: string): string {
  const end = text.search(/\n\n|^\n/);
  const head = end >= 0 ? text.slice(0, end + 1) : text;
  const m = /^Message-ID:[ \t]*<?([^>\s]*)>?/im.exec(head);
  return m?.[1] ?? '';
}

export type BulkMessage = { subject: string; size: number; messageId?: string; body?: string };

const FILLER = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n';

/**
 * The exact text a bulk message stands for: a few headers, then the body (or
 * filler up to `size` bytes). The wire/bulk agreement test sends this text.
 */
export function renderBulkHeaders(m: BulkMessage, from: string, to: readonly string[], time: number): string {
  return (
    `From: <${from}>\nTo: <${to[0] ?? ''}>\nSubject: ${m.subject}\nDate: ${rfc5322Date(time)}\n` +
    (m.messageId ? `Message-ID: <${m.messageId.replace(/^<|>$/g, '')}>\n` : '') +
    '\n'
  );
}

export function bulkContent(m: BulkMessage, from: string, to: readonly string[], time: number): MessageContent {
  const headers = renderBulkHeaders(m, from, to, time);
  const body = m.body !== undefined ? m.body.replace(/\r\n/g, '\n').replace(/\n?$/, '\n') : undefined;
  const bodyLen = body !== undefined ? body.length : Math.max(0, m.size - headers.length);
  return {
    size: headers.length + bodyLen,
    messageId: m.messageId ? m.messageId.replace(/^<|>$/g, '') : '',
    text: () => headers + (body ?? fill(bodyLen)),
  };
}

function fill(n: number): string {
  if (n === 0) return '';
  const s = FILLER.repeat(Math.ceil(n / FILLER.length)).slice(0, n - 1);
  return s + '\n';
}

/** Postfix's Received: header, prepended by cleanup. */
export function receivedHeader(o: {
  helo: string;
  client: { ip: string; hostname?: string };
  myhostname: string;
  proto: string;
  qid: string;
  rcpt?: string;
  time: number;
}): string {
  const from = o.helo ? `${o.helo} (${o.client.hostname || 'unknown'} [${o.client.ip}])` : `${o.client.hostname || 'unknown'} [${o.client.ip}]`;
  return `Received: from ${from}\n\tby ${o.myhostname} (Postfix) with ${o.proto} id ${o.qid}${o.rcpt ? `\n\tfor <${o.rcpt}>` : ''}; ${postfixMailDate(o.time)}\n`;
}
