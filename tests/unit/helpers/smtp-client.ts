/** A test SMTP client over a VirtualSocket: send a line, await the complete reply. */
import type { VirtualSocket } from '../../../simulator/net/virtual-socket.ts';

export class TestSmtpClient {
  private buffer = '';
  private waiting: Array<{ resolve: (reply: string) => void }> = [];
  readonly transcript: string[] = [];
  closed: Promise<void>;

  constructor(readonly socket: VirtualSocket) {
    socket.on('data', (d: Buffer) => {
      this.buffer += d.toString('latin1');
      this.drain();
    });
    this.closed = new Promise((r) => socket.once('close', () => r()));
  }

  /** The next complete reply (multi-line replies joined with \n). */
  reply(): Promise<string> {
    return new Promise((resolve) => {
      this.waiting.push({ resolve });
      this.drain();
    });
  }

  async send(line: string): Promise<string> {
    this.transcript.push(`C: ${line}`);
    this.socket.write(line + '\r\n');
    return this.reply();
  }

  /** Write without waiting (message body lines). */
  write(line: string): void {
    this.socket.write(line + '\r\n');
  }

  private drain(): void {
    for (;;) {
      const m = /^(?:\d{3}-[^\r\n]*\r?\n)*\d{3}(?: [^\r\n]*)?\r?\n/.exec(this.buffer);
      if (!m || this.waiting.length === 0) return;
      this.buffer = this.buffer.slice(m[0].length);
      const reply = m[0].replace(/\r?\n$/, '').replace(/\r\n/g, '\n');
      this.transcript.push(`S: ${reply}`);
      this.waiting.shift()!.resolve(reply);
    }
  }
}
