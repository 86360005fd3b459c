/**
 * What Postfix does to the client's bytes before its SMTP engine sees them:
 * command lines longer than line_length_limit are cut and the rest skipped
 * (one reply, not fifty), bare LF is accepted in commands and content
 * (smtpd_forbid_bare_newline = normalize), but only <CR><LF>.<CR><LF> ends
 * DATA: a "." ended by a bare LF — what `nc` without -C sends — is content,
 * so the message never ends. That pitfall is worth teaching, so it is kept.
 *
 * The policy holds what the client sent until its reader asks for it, one
 * command at a time, because whether the next line is a command or message
 * content depends on the reply to the previous command (PIPELINING: a
 * refused DATA leaves the following lines commands). Text is latin1-decoded
 * bytes throughout, so 8-bit content passes byte for byte.
 */
export const LINE_LENGTH_LIMIT = 2048;

export class ClientLinePolicy {
  private pending = '';
  /** Read position in `pending`: slicing once per line would copy a pasted 5,000-line chunk 5,000 times. */
  private pos = 0;
  private skipping = false;
  dataMode = false;

  /** Hold more raw client text (latin1-decoded bytes). */
  push(chunk: string): void {
    if (this.pos > 0 && this.pos >= this.pending.length / 2) {
      this.pending = this.pending.slice(this.pos);
      this.pos = 0;
    }
    this.pending += chunk;
  }

  /** Bytes held and not yet handed on. */
  get held(): number {
    return this.pending.length - this.pos;
  }

  /** Up to `n` held bytes, not taken (what Postfix's "improper command pipelining" log shows). */
  peek(n: number): string {
    return this.pending.slice(this.pos, this.pos + n);
  }

  /** Drop everything held (Postfix's vstream_fpurge after STARTTLS's 220). */
  discard(): void {
    this.pending = '';
    this.pos = 0;
    this.skipping = false;
  }

  /** Up to `n` held bytes as they are: a BDAT chunk knows no lines. */
  takeRaw(n: number): string {
    const out = this.pending.slice(this.pos, this.pos + n);
    this.pos += out.length;
    return out;
  }

  /** The next complete command line (without its line end), or undefined until one has arrived. */
  nextCommand(): string | undefined {
    for (;;) {
      const nl = this.pending.indexOf('\n', this.pos);
      if (nl < 0) {
        // An unterminated command line past the limit: cut now, skip the rest of it.
        if (this.held > LINE_LENGTH_LIMIT && !this.skipping) {
          const line = this.pending.slice(this.pos, this.pos + LINE_LENGTH_LIMIT);
          this.skipping = true;
          this.pending = '';
          this.pos = 0;
          return line;
        }
        if (this.skipping) {
          this.pending = '';
          this.pos = 0;
        }
        return undefined;
      }
      let line = this.pending.slice(this.pos, nl);
      this.pos = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      if (line.endsWith('\r')) line = line.slice(0, -1);
      return line.slice(0, LINE_LENGTH_LIMIT);
    }
  }

  /**
   * Message content that has arrived, normalised to CRLF lines, up to and
   * including the final <CR><LF>.<CR><LF>; `done` once that dot was taken
   * (data mode is then over). An unterminated last line waits.
   */
  takeData(): { text: string; done: boolean } {
    const parts: string[] = [];
    for (;;) {
      const nl = this.pending.indexOf('\n', this.pos);
      if (nl < 0) return { text: parts.join(''), done: false };
      let line = this.pending.slice(this.pos, nl);
      this.pos = nl + 1;
      const crlf = line.endsWith('\r');
      if (crlf) line = line.slice(0, -1);
      if (line === '.') {
        if (crlf) {
          this.dataMode = false;
          parts.push('.\r\n');
          return { text: parts.join(''), done: true };
        }
        parts.push('..\r\n');
        continue;
      }
      parts.push(line, '\r\n');
    }
  }
}
