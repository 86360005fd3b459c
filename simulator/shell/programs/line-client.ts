/**
 * The shared body of telnet and nc: a line-mode TCP client in the terminal.
 * Typed text echoes locally, Enter sends the line (CRLF for telnet and nc -C,
 * bare LF for plain nc), server bytes print as they arrive. For scripted
 * input it knows SMTP's rhythm: the next line is due once a reply is
 * complete, or at once while the message body is being typed — after a 354,
 * or after `BDAT <n>` until n octets (the lines with their line ends) are sent.
 */
import type { VirtualSocket } from '../../net/virtual-socket.ts';
import { waitUntil } from '../../core/virtual-wait.ts';
import type { CommandIO } from '../session.ts';
import type { ForegroundProgram } from '../terminal.ts';

export type LineClientOptions = {
  lineEnding: '\r\n' | '\n';
  /** telnet's escape (Ctrl-]) gives a `telnet>` prompt; nc has none. */
  escapePrompt: boolean;
  /** Printed when the remote side closes. */
  closedByPeerText: string;
  /** Simulated ms a script waits for a reply before typing its next line anyway. */
  replyPatienceMs?: number;
};

export class LineClient implements ForegroundProgram {
  private line = '';
  private awaitingReplies = 1; // the greeting
  private bodyMode = false;
  /** Octets of a BDAT chunk still to be typed: its reply comes only after them. */
  private chunkLeft = 0;
  /** The server said goodbye (221/421): the next line is due only once it has hung up. */
  private closing = false;
  private escaped = false;
  private finished = false;
  private partial = '';
  /** Bumped by every line sent and every reply: a patience wait that sees it change is stale. */
  private progress = 0;
  private patient = false;
  private resolveDone!: (code: number) => void;
  readonly done: Promise<number>;

  constructor(
    private readonly socket: VirtualSocket,
    private readonly io: CommandIO,
    private readonly opts: LineClientOptions,
  ) {
    this.done = new Promise((r) => (this.resolveDone = r));
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    // The server's FIN is enough: telnet reports the close without waiting for ours.
    socket.on('end', () => this.close(this.opts.closedByPeerText));
    socket.on('close', () => this.finish(this.opts.closedByPeerText, 0));
    socket.on('error', () => this.finish(this.opts.closedByPeerText, 1));
  }

  readyForLine(): boolean {
    if (this.finished || this.escaped) return true;
    if (this.closing) return false;
    return this.bodyMode || this.chunkLeft > 0 || this.awaitingReplies <= 0;
  }

  endOfInput(): void {
    this.close('');
  }

  /** Local echo collected during one input() call: a 1 MB paste is one terminal write, not a million. */
  private echo = '';

  input(data: string): void {
    if (this.finished) return;
    try {
      this.inputKeys(data);
    } finally {
      this.flushEcho();
    }
  }

  private flushEcho(): void {
    if (!this.echo) return;
    const text = this.echo;
    this.echo = '';
    this.io.terminal.write(text);
  }

  private inputKeys(data: string): void {
    for (const ch of Array.from(data)) {
      if (this.finished) return;
      if (this.escaped) {
        this.escapeKey(ch);
        continue;
      }
      if (ch === '\x1d') {
        // Ctrl-]
        this.flushEcho();
        if (this.opts.escapePrompt) {
          this.escaped = true;
          this.line = '';
          this.io.terminal.write('^]\r\ntelnet> ');
          this.io.notify();
        }
        continue;
      }
      if (ch === '\x03') {
        this.flushEcho();
        this.io.terminal.write('^C\r\n');
        this.close('');
        return;
      }
      if (ch === '\r' || ch === '\n') {
        this.echo += '\r\n';
        // The line's echo goes out before anything the server answers to it.
        this.flushEcho();
        this.send(this.line);
        this.line = '';
        continue;
      }
      if (ch === '\x7f' || ch === '\b') {
        if (this.line.length > 0) {
          this.line = Array.from(this.line).slice(0, -1).join('');
          this.echo += '\b \b';
        }
        continue;
      }
      if (ch < ' ') continue;
      this.line += ch;
      this.echo += ch;
    }
  }

  private escapeKey(ch: string): void {
    if (ch === '\r' || ch === '\n') {
      const cmd = this.line.trim();
      this.line = '';
      this.io.terminal.write('\r\n');
      if (cmd === 'quit' || cmd === 'q' || cmd === 'close') {
        this.close('Connection closed.');
        return;
      }
      if (cmd !== '') this.io.terminal.write('?Invalid command\r\n');
      this.escaped = false;
      this.io.notify();
      return;
    }
    if (ch === '\x7f') {
      this.line = this.line.slice(0, -1);
      this.io.terminal.write('\b \b');
      return;
    }
    if (ch >= ' ') {
      this.line += ch;
      this.io.terminal.write(ch);
    }
  }

  private send(line: string): void {
    this.io.session.programLine(line, { inBody: this.bodyMode });
    if (this.socket.destroyed || this.socket.readyState === 'readOnly') return;
    const bytes = Buffer.from(line + this.opts.lineEnding, 'utf8');
    const bdat = /^BDAT[ \t]+(\d+)/i.exec(line);
    if (this.chunkLeft > 0) {
      this.chunkLeft -= bytes.length;
      if (this.chunkLeft <= 0) {
        this.chunkLeft = 0;
        this.awaitingReplies++;
      }
    } else if (this.bodyMode) {
      if (line === '.' && this.opts.lineEnding === '\r\n') {
        this.bodyMode = false;
        this.awaitingReplies++;
      }
    } else if (bdat && Number(bdat[1]) > 0) {
      this.chunkLeft = Number(bdat[1]);
    } else {
      this.awaitingReplies++;
    }
    this.socket.write(bytes);
    this.progress++;
    this.io.notify();
  }

  private received(chunk: Buffer): void {
    const text = chunk.toString('utf8');
    this.io.terminal.write(text.replace(/(?<!\r)\n/g, '\r\n'));
    this.partial += text;
    const lines = this.partial.split('\n');
    this.partial = lines.pop() ?? '';
    for (const raw of lines) {
      const l = raw.replace(/\r$/, '');
      if (/^\d{3}( |$)/.test(l)) {
        this.awaitingReplies = Math.max(0, this.awaitingReplies - 1);
        if (l.startsWith('354')) this.bodyMode = true;
        if (l.startsWith('221') || l.startsWith('421')) this.closing = true;
      }
    }
    this.progress++;
    this.io.notify();
  }

  /**
   * A silent server (a DATA body that never ended, a non-SMTP port) must not
   * stall a script forever: while a script waits, simulated time runs (the
   * server's own timers included) until a reply comes or patience ends.
   */
  scriptWaiting(): void {
    if (this.patient || this.finished) return;
    this.patient = true;
    void this.bePatient().finally(() => (this.patient = false));
  }

  private async bePatient(): Promise<void> {
    const time = this.socket.time;
    for (;;) {
      const seen = this.progress;
      const ready = () => this.finished || this.readyForLine() || this.progress !== seen;
      if (time) await waitUntil(time, time.clock.now() + (this.opts.replyPatienceMs ?? 3000), ready);
      if (this.finished || this.readyForLine()) return;
      if (this.progress !== seen) continue;
      this.awaitingReplies = 0;
      this.closing = false;
      this.io.notify();
      return;
    }
  }

  private close(text: string): void {
    if (this.finished) return;
    this.finish(text, 0);
    this.socket.destroy();
  }

  private finish(text: string, code: number): void {
    if (this.finished) return;
    this.finished = true;
    if (this.line) this.io.terminal.write('\r\n');
    if (text) this.io.terminal.write(text + '\r\n');
    this.resolveDone(code);
    this.io.notify();
  }
}

/** Connect, then run a LineClient until it ends; resolves with its exit code. */
export async function runLineClient(io: CommandIO, socket: VirtualSocket, opts: LineClientOptions): Promise<number> {
  const client = new LineClient(socket, io, opts);
  const onAbort = () => client.endOfInput();
  io.signal.addEventListener('abort', onAbort);
  await io.attach(client, client.done);
  io.signal.removeEventListener('abort', onAbort);
  return client.done;
}
