/**
 * RFC 3030 BDAT (CHUNKING) as Postfix 3.7's smtpd answers it, recorded in
 * tests/fixtures/postfix/bdat.json. `BDAT <count> [LAST]` is followed by
 * exactly <count> octets, read raw: no dot-stuffing, no end-of-data line, a
 * line may span chunks. What Postfix does, in its order:
 * - a malformed command (no count, not digits, a word other than LAST, more
 *   words, a count past off_t) is answered 521 and smtpd hangs up: it cannot
 *   know where the chunk ends;
 * - once a chunk of the transaction failed, every later chunk is read and
 *   dropped (551 Discarded N bytes); LAST ends the transaction;
 * - no recipient yet: 503 need RCPT (also without MAIL) or 554 no valid
 *   recipients; a non-final empty chunk: 551 Null BDAT request; past
 *   message_size_limit: 552 Chunk exceeds message size limit — each of these
 *   makes the transaction a failed one, as above;
 * - MAIL, RCPT and DATA during a BDAT transaction are refused (503 … after
 *   BDAT); RSET, HELO/EHLO and STARTTLS end it.
 * Postfix counts octets as its reader sees lines: a bare LF counts as CRLF,
 * and a message whose last line has no line end gets one (2 octets more).
 */
import type { MessageContent } from './message.ts';
import { wireContent } from './message.ts';
import { binaryToBytes } from './wire-bytes.ts';

export type BdatCommand = { size: number; last: boolean };

const OFF_T_MAX = 2n ** 63n - 1n;

/** Postfix's bdat_cmd syntax; undefined for a malformed command (521, hang up). */
export function parseBdat(arg: string): BdatCommand | undefined {
  const words = arg.split(/[ \t]+/).filter(Boolean);
  const [count, last] = words;
  if (count === undefined || words.length > 2 || !/^\d+$/.test(count) || BigInt(count) > OFF_T_MAX) return undefined;
  if (last !== undefined && last.toUpperCase() !== 'LAST') return undefined;
  return { size: Number(count), last: last !== undefined };
}

/** One BDAT transaction's content so far (latin1 text, one char per octet). */
export class BdatTransaction {
  /** A chunk was refused: the rest of the transaction is read and dropped. */
  failed = false;
  /** Octets as Postfix counts them (its "Ok: N bytes"). */
  bytes = 0;
  private readonly parts: string[] = [];
  private lastChar = '';

  /** Octets of an accepted chunk as they arrive. */
  add(binary: string): void {
    if (!binary) return;
    let bareLf = 0;
    for (let i = binary.indexOf('\n'); i >= 0; i = binary.indexOf('\n', i + 1)) {
      if ((i > 0 ? binary[i - 1] : this.lastChar) !== '\r') bareLf++;
    }
    this.bytes += binary.length + bareLf;
    this.parts.push(binary);
    this.lastChar = binary[binary.length - 1]!;
  }

  /** The Message-ID of what has arrived (cleanup logs it when the transaction is abandoned). */
  messageId(): string {
    return wireContent(binaryToBytes(this.parts.join(''))).messageId;
  }

  /** The whole message, its last line ended (counted, as Postfix does). */
  finish(): MessageContent {
    let text = this.parts.join('');
    if (text && !text.endsWith('\n')) {
      text += '\r\n';
      this.bytes += 2;
    }
    return wireContent(binaryToBytes(text));
  }
}
