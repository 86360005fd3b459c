/**
 * `postqueue -p` / `mailq` output, column for column as Postfix prints it:
 * the status mark (`*` active, `!` hold) is glued to the queue id and the
 * pair padded to 11 columns, then the size in 8, so an 11-digit id with a
 * mark pushes the line one column right (both examples in fidelity.md).
 * Recipients are indented 41 columns; deferral reasons are right-aligned in
 * parentheses before their recipient.
 */
import { ctimeShort } from './log-format.ts';

export type QueueName = 'active' | 'deferred' | 'hold' | 'incoming' | 'maildrop';

export interface QueueRecipient {
  readonly address: string;
  /** Why delivery was deferred (deferred queue only). */
  readonly reason?: string;
}

export interface QueueEntry {
  readonly id: string;
  readonly queue: QueueName;
  /** Message size in bytes as showq reports it. */
  readonly size: number;
  /** Arrival time, ms since the epoch (shown in UTC). */
  readonly arrival: number;
  readonly sender: string;
  readonly recipients: readonly QueueRecipient[];
}

const HEADER = '-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------';

function statusMark(q: QueueName): string {
  return q === 'active' ? '*' : q === 'hold' ? '!' : '';
}

/** One entry's lines (without the trailing blank line). */
export function formatQueueEntry(e: QueueEntry): string[] {
  const arrival = (ctimeShort(e.arrival) + ' ').slice(0, 20);
  // Postfix shows the null sender as MAILER-DAEMON.
  const lines = [`${(e.id + statusMark(e.queue)).padEnd(11)}${String(e.size).padStart(8)} ${arrival} ${e.sender || 'MAILER-DAEMON'}`];
  for (const r of e.recipients) {
    if (r.reason) lines.push(`${' '.repeat(Math.max(0, 76 - r.reason.length))}(${r.reason})`);
    lines.push(`${' '.repeat(41)}${r.address}`);
  }
  return lines;
}

/** Full postqueue -p output, newline-terminated. */
export function formatQueue(entries: readonly QueueEntry[]): string {
  if (entries.length === 0) return 'Mail queue is empty\n';
  const out = [HEADER];
  let bytes = 0;
  for (const e of entries) {
    out.push(...formatQueueEntry(e), '');
    bytes += e.size;
  }
  const n = entries.length;
  out.push(`-- ${Math.floor(bytes / 1024)} Kbytes in ${n} Request${n === 1 ? '' : 's'}.`);
  return out.join('\n') + '\n';
}
