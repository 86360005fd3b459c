/**
 * What Postfix does to the client's bytes before its SMTP engine sees them:
 * command lines longer than line_length_limit are cut and the rest skipped
 * (one reply, not fifty), bare LF is accepted in commands and content
 * (smtpd_forbid_bare_newline = normalize), but only <CR><LF>.<CR><LF> ends
 * DATA: a "." ended by a bare LF — what `nc` without -C sends — is content,
 * so the message never ends. That pitfall is worth teaching, so it is kept.
 */
export const LINE_LENGTH_LIMIT = 2048;

export class ClientLinePolicy {
  private pending = '';
  private skipping = false;
  dataMode = false;

  /** Feed raw client text (latin1-decoded bytes); returns the normalised text to pass on. */
  push(chunk: string): string {
    this.pending += chunk;
    let out = '';
    for (;;) {
      const nl = this.pending.indexOf('\n');
      if (nl < 0) break;
      let line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      const crlf = line.endsWith('\r');
      if (crlf) line = line.slice(0, -1);
      out += this.dataMode ? this.dataLine(line, crlf) : this.commandLine(line);
    }
    // An unterminated command line past the limit: cut now, skip the rest of it.
    if (!this.dataMode && this.pending.length > LINE_LENGTH_LIMIT) {
      if (!this.skipping) out += this.pending.slice(0, LINE_LENGTH_LIMIT) + '\r\n';
      this.skipping = true;
      this.pending = '';
    }
    return out;
  }

  private commandLine(line: string): string {
    if (this.skipping) {
      this.skipping = false;
      return '';
    }
    return line.slice(0, LINE_LENGTH_LIMIT) + '\r\n';
  }

  private dataLine(line: string, crlf: boolean): string {
    if (line === '.') {
      if (crlf) {
        this.dataMode = false;
        return '.\r\n';
      }
      return '..\r\n';
    }
    return line + '\r\n';
  }
}
