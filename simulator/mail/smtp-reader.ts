/**
 * The one client-side SMTP reply reader: complete (possibly multi-line)
 * replies off a virtual socket, one at a time, so a scripted client (swaks,
 * relaytest, the grader's probes, benches) speaks only after the server has
 * answered, as nmap and swaks do.
 */
import type { VirtualSocket } from '../net/virtual-socket.ts';
import { waitUntil } from '../core/virtual-wait.ts';

export type Reply = { code: number; lines: string[] };

/** A reply as one string, lines joined with \n ('' for none). */
export function replyText(r: Reply | undefined): string {
  return r ? r.lines.join('\n') : '';
}

export class SmtpReader {
  private buffer = '';
  private replies: Reply[] = [];
  private pending: string[] = [];
  private waiter: ((r: Reply | undefined) => void) | undefined;
  private closed = false;

  constructor(private readonly socket: VirtualSocket) {
    socket.on('data', (chunk: Buffer) => this.take(chunk.toString('utf8')));
    const end = () => {
      this.closed = true;
      this.flush();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }

  /**
   * The next reply, or undefined on close, on abort, or after `timeoutMs` of
   * *simulated* time (the clock moves on while nothing answers; see
   * core/virtual-wait.ts). A socket without a clock waits for data or close.
   */
  async next(timeoutMs: number, signal?: AbortSignal): Promise<Reply | undefined> {
    const time = this.socket.time;
    if (time && !this.replies.length && !this.closed) {
      await waitUntil(time, time.clock.now() + timeoutMs, () => this.replies.length > 0 || this.closed, signal);
      return this.replies.shift();
    }
    const ready = this.replies.shift();
    if (ready || this.closed) return ready;
    return new Promise((resolve) => {
      const onAbort = () => done(undefined);
      const done = (r: Reply | undefined) => {
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        resolve(r);
      };
      signal?.addEventListener('abort', onAbort);
      this.waiter = done;
    });
  }

  send(line: string): void {
    if (!this.socket.destroyed) this.socket.write(Buffer.from(line + '\r\n', 'utf8'));
  }

  /** Several commands in one write, as a pipelining client sends them (RFC 2920). */
  sendAll(lines: string[]): void {
    if (!this.socket.destroyed) this.socket.write(Buffer.from(lines.map((l) => l + '\r\n').join(''), 'utf8'));
  }

  private take(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.pending.push(line);
      if (/^\d{3}( |$)/.test(line)) {
        this.replies.push({ code: Number(line.slice(0, 3)), lines: this.pending });
        this.pending = [];
      }
    }
    this.flush();
  }

  /** Replies that have arrived and not been read yet (a pipelining client reads them in bulk). */
  get buffered(): number {
    return this.replies.length;
  }

  private flush(): void {
    if (!this.waiter) return;
    const r = this.replies.shift();
    if (r || this.closed) this.waiter(r);
  }
}
