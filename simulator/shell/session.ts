/**
 * One learner's shell: prompt, line editor, typeahead, the foreground program
 * and the command runner. Transports call input() with raw keys; scripted
 * drivers call feedLine() which waits until a person could type again.
 */
import { LineEditor, nextKey } from './line-editor.ts';
import { toTerminal, type ForegroundProgram, type TerminalPort } from './terminal.ts';

export type Identity = { user: string; host: string; cwd: string; home: string };

export interface CommandIO {
  readonly identity: Identity;
  readonly terminal: TerminalPort;
  readonly signal: AbortSignal;
  out(text: string): void;
  err(text: string): void;
  /** Hand the terminal to a program until `done` settles. */
  attach(program: ForegroundProgram, done: Promise<unknown>): Promise<void>;
  /** Tell scripted drivers that readiness may have changed. */
  notify(): void;
  session: ShellSession;
}

export interface CommandRunner {
  run(line: string, io: CommandIO): Promise<number>;
  complete?(line: string, io: CommandIO): string[];
  /** Load what the first command will need (the shell engine) without delaying the prompt. */
  preload?(): Promise<unknown>;
}

export type SessionOptions = {
  identity: Identity;
  runner: CommandRunner;
  motd?: string;
  /** Told when ssh/exit moves the learner to another host (the event stream's host-change). */
  onHostChange?: (from: string, to: string) => void;
};

/** A command line typed at the prompt, once it has finished (before the next prompt is written). */
export type CommandDone = { line: string; exitCode: number; host: string };

/**
 * Watches what the learner types, for the coach (simulator/coach): told, never
 * asked, and never writes to the terminal, so the screen stays what real
 * programs print.
 */
export interface SessionObserver {
  commandDone?(done: CommandDone): void;
  /** A line a foreground program (telnet, nc) sent to its peer; `inBody` while an SMTP message body is being typed. */
  programLine?(line: string, info: { inBody: boolean }): void;
  /** The foreground program waits for the next line again (its server answered). */
  programReady?(): void;
}

export class ShellSession {
  identity: Identity;
  lastExitCode = 0;
  readonly editor: LineEditor;
  private running: AbortController | undefined;
  private foreground: ForegroundProgram | undefined;
  private typeahead = '';
  private waiters: Array<() => void> = [];
  /** Waiting as a person does: never asks a program to let simulated time run. */
  private personWaiters: Array<() => void> = [];
  private closed = false;
  private readonly stack: Identity[] = [];
  private observers: SessionObserver[] = [];

  constructor(
    readonly terminal: TerminalPort,
    private readonly options: SessionOptions,
  ) {
    this.identity = { ...options.identity };
    this.editor = new LineEditor((d) => this.terminal.write(d), { prompt: () => this.promptText(), cols: () => this.terminal.cols });
  }

  start(): void {
    if (this.options.motd) this.terminal.write(toTerminal(this.options.motd));
    this.prompt();
  }

  /** Start loading the command engine in the background; resolves when it is ready. */
  warmUp(): Promise<unknown> {
    return this.options.runner.preload?.() ?? Promise.resolve();
  }

  /** A command line is still running (its program may already be done, e.g. telnet after end of input). */
  get commandRunning(): boolean {
    return this.running !== undefined;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  promptText(): string {
    const { user, host, cwd, home } = this.identity;
    const dir = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    const sigil = user === 'root' ? '#' : '$';
    return `\x1b[1;32m${user}@${host}\x1b[0m:\x1b[1;34m${dir}\x1b[0m${sigil} `;
  }

  /** Watch the learner's lines (the coach); returns the unsubscribe. */
  observe(o: SessionObserver): () => void {
    this.observers = [...this.observers, o];
    return () => void (this.observers = this.observers.filter((x) => x !== o));
  }

  /** Called by line-mode programs for each line they send. */
  programLine(line: string, info: { inBody: boolean }): void {
    this.tell((o) => o.programLine?.(line, info));
  }

  private tell(fn: (o: SessionObserver) => void): void {
    // An observer's failure must not take the learner's shell down with it.
    for (const o of this.observers) {
      try {
        fn(o);
      } catch {
        /* ignored: observers only watch */
      }
    }
  }

  /** Enter a nested login (ssh); `exit` pops back. */
  pushIdentity(next: Identity): void {
    this.stack.push(this.identity);
    this.options.onHostChange?.(this.identity.host, next.host);
    this.identity = { ...next };
  }

  popIdentity(): boolean {
    const prev = this.stack.pop();
    if (!prev) return false;
    this.options.onHostChange?.(this.identity.host, prev.host);
    this.identity = prev;
    return true;
  }

  get depth(): number {
    return this.stack.length;
  }

  /** Raw keys from the terminal. */
  input(data: string): void {
    if (this.closed) return;
    if (this.foreground) {
      this.foreground.input(data);
      return;
    }
    if (this.running) {
      // Ctrl-C interrupts; everything else waits, as a real tty's typeahead does.
      const ctrlC = data.indexOf('\x03');
      if (ctrlC >= 0) {
        this.typeahead = '';
        this.running.abort();
        return;
      }
      this.typeahead += data;
      return;
    }
    this.consume(data);
  }

  /** Type a whole line as a person would, once the terminal is ready for it. */
  async feedLine(line: string): Promise<void> {
    await this.whenReady();
    this.input(line + '\r');
  }

  /**
   * Resolves when a person could type the next line: at the prompt, or a program waits for input.
   * A script's wait is patient (`patient`, the default): a program may let simulated time run so a
   * silent server cannot stall it (telnet's reply patience). A person — and a replay of what a
   * person typed — waits in real time only, so the clock moves exactly as it did for them.
   */
  whenReady(opts: { patient?: boolean } = {}): Promise<void> {
    if (this.isReady()) return Promise.resolve();
    if (opts.patient === false) return new Promise<void>((resolve) => this.personWaiters.push(resolve));
    const waiting = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.foreground?.scriptWaiting?.();
    return waiting;
  }

  isReady(): boolean {
    if (this.closed) return true;
    if (this.foreground) return this.foreground.readyForLine();
    return !this.running && this.typeahead === '';
  }

  /** Scripted input ended: let a foreground program finish the way it would on EOF. */
  endOfInput(): void {
    this.foreground?.endOfInput?.();
  }

  notify(): void {
    if (!this.isReady()) {
      // A script is waiting on the program (it may have started after the script began to wait).
      if (this.waiters.length) this.foreground?.scriptWaiting?.();
      return;
    }
    if (this.foreground) this.tell((o) => o.programReady?.());
    const waiting = [...this.waiters, ...this.personWaiters];
    this.waiters = [];
    this.personWaiters = [];
    for (const w of waiting) w();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  private consume(data: string): void {
    for (let i = 0; i < data.length; ) {
      const key = nextKey(data, i);
      i += key.length;
      const action = this.editor.key(key);
      if (action.kind === 'none') continue;
      if (action.kind === 'interrupt') {
        this.terminal.write('^C\r\n');
        this.editor.reset();
        this.prompt();
      } else if (action.kind === 'clear-screen') {
        this.terminal.write('\x1b[2J\x1b[3J\x1b[H');
        this.terminal.write(this.promptText());
        this.editor.repaint();
      } else if (action.kind === 'complete') {
        this.complete();
      } else if (action.kind === 'eof') {
        this.terminal.write('exit\r\n');
        this.execute('exit', data.slice(i));
        return;
      } else if (action.kind === 'submit') {
        this.execute(action.line, data.slice(i));
        return;
      }
    }
  }

  private complete(): void {
    const io = this.makeIO(new AbortController());
    const options = this.options.runner.complete?.(this.editor.text.slice(0, this.editor.cursorIndex), io) ?? [];
    if (options.length === 1) {
      this.editor.insert(options[0]!);
    } else if (options.length > 1) {
      const prefix = commonPrefix(options.map((o) => o));
      if (prefix) this.editor.insert(prefix);
      else {
        this.terminal.write('\r\n' + options.map((o) => o.trim()).join('  ') + '\r\n' + this.promptText());
        this.editor.repaint();
      }
    } else {
      this.terminal.write('\x07');
    }
  }

  private execute(line: string, rest: string): void {
    this.typeahead = rest;
    if (!line.trim()) {
      this.prompt();
      return;
    }
    const controller = new AbortController();
    this.running = controller;
    const host = this.identity.host;
    const io = this.makeIO(controller);
    this.options.runner
      .run(line, io)
      .catch((err: unknown) => {
        io.err(`relaylab: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
      })
      .then((code) => {
        if (controller.signal.aborted && code === 0) code = 130;
        if (controller.signal.aborted) this.terminal.write('^C\r\n');
        this.lastExitCode = code;
        this.running = undefined;
        this.foreground = undefined;
        this.tell((o) => o.commandDone?.({ line, exitCode: code, host }));
        if (this.closed) {
          this.notify();
          return;
        }
        this.prompt();
      });
  }

  private makeIO(controller: AbortController): CommandIO {
    return {
      identity: this.identity,
      terminal: this.terminal,
      signal: controller.signal,
      session: this,
      out: (text) => this.terminal.write(toTerminal(text)),
      err: (text) => this.terminal.write(toTerminal(text)),
      notify: () => this.notify(),
      attach: async (program, done) => {
        this.foreground = program;
        const pending = this.typeahead;
        this.typeahead = '';
        if (pending) program.input(pending);
        this.notify();
        try {
          await done;
        } finally {
          if (this.foreground === program) this.foreground = undefined;
        }
      },
    };
  }

  private prompt(): void {
    if (this.closed) return;
    this.editor.reset();
    this.terminal.write(this.promptText());
    const pending = this.typeahead;
    this.typeahead = '';
    if (pending) this.consume(pending);
    this.notify();
  }
}

function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let prefix = items[0]!;
  for (const item of items) while (!item.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
