/**
 * The seams between the shell and whatever shows it (xterm.js, a Node TTY,
 * a transcript). The shell only ever writes text and is handed raw keys.
 */
export interface TerminalPort {
  write(data: string): void;
  readonly cols: number;
  readonly rows: number;
}

/** A program that owns the terminal while it runs (telnet, nc, nano, less, tail -f). */
export interface ForegroundProgram {
  /** Raw keys from the terminal. */
  input(data: string): void;
  /** True when the program waits for a person's next line (scripted input feeds it then). */
  readyForLine(): boolean;
  /** Called when the scripted input ends while the program still runs. */
  endOfInput?(): void;
  /**
   * A script waits for this program to be ready for its next line (only
   * scripted drivers wait; a person just types). A program that waits for a
   * peer may then let simulated time run until its patience ends.
   */
  scriptWaiting?(): void;
}

/** Convert program output to terminal line endings (a lone \n becomes \r\n). */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
