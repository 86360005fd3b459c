/**
 * The one client-side SMTP reply reader: complete (possibly multi-line)
 * replies off a virtual socket, one at a time, so a scripted client (swaks,
 * relaytest, the grader's probes, benches) speaks only after the server has
 * answered, as nmap and swaks do.
 */
import type { VirtualSocket } from '../net/virtual-socket.ts';

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

  /** The next reply, or undefined on close or after `timeoutMs` of real time. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<Reply | undefined> {
    const ready = this.replies.shift();
    if (ready || this.closed) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const onAbort = () => done(undefined);
      const done = (r: Reply | undefined) => {
        clearTimeout(timer);
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

  private flush(): void {
    if (!this.waiter) return;
    const r = this.replies.shift();
    if (r || this.closed) this.waiter(r);
  }
}
