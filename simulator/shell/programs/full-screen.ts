/**
 * The life of a full-screen program (nano, less): switch to the terminal's
 * alternate screen, own the keys until the program finishes, then clear and
 * give the learner's scrollback back untouched, as the real tools do.
 */
import type { CommandIO } from '../session.ts';
import type { ForegroundProgram } from '../terminal.ts';

export class FullScreen {
  closed = false;
  private resolveDone!: () => void;
  private readonly done = new Promise<void>((r) => (this.resolveDone = r));

  /** `keys` splits raw input into the keys the program understands. */
  constructor(
    private readonly tty: CommandIO,
    private readonly keys: RegExp,
  ) {}

  readonly finish = (): void => {
    this.closed = true;
    this.resolveDone();
  };

  /** Draw, hand each key to `key` and redraw, until finish() is called. */
  async run(key: (k: string) => void, render: () => void): Promise<void> {
    const program: ForegroundProgram = {
      input: (data) => {
        for (const k of data.match(this.keys) ?? []) if (!this.closed) key(k);
        if (!this.closed) render();
      },
      readyForLine: () => true,
      endOfInput: () => this.finish(),
    };
    const term = this.tty.terminal;
    term.write('\x1b[?1049h\x1b[H\x1b[2J');
    render();
    await this.tty.attach(program, this.done);
    term.write('\x1b[2J\x1b[H\x1b[?1049l');
  }
}
