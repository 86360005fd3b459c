/**
 * /var/log/mail.log as a store of lines rather than one growing string: the
 * bulk model writes tens of thousands of lines per simulated day, so the file
 * text is joined lazily (and incrementally) only when someone reads it.
 */
import type { VirtualClock } from '../core/clock.ts';
import { logLine } from '../postfix/index.ts';

export class MailLog {
  private readonly lines: string[] = [];
  private text_ = '';
  private joined = 0;
  lastWrite: number;

  constructor(
    private readonly clock: VirtualClock,
    /** Short host name as syslog writes it. */
    private readonly host = 'mail',
  ) {
    this.lastWrite = clock.now();
  }

  write(program: string, pid: number, message: string): void {
    this.lastWrite = this.clock.now();
    this.lines.push(logLine(this.lastWrite, { host: this.host, program, pid }, message));
  }

  get length(): number {
    return this.lines.length;
  }

  /** Lines from index `from` on (tests, tail -f). */
  slice(from = 0): string[] {
    return this.lines.slice(from);
  }

  text(): string {
    if (this.joined < this.lines.length) {
      this.text_ += this.lines.slice(this.joined).join('\n') + '\n';
      this.joined = this.lines.length;
    }
    return this.text_;
  }
}
