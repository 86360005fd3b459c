/**
 * The lab terminal island: xterm.js on the page, the simulation in the tab.
 * Its script is a module (deferred): the lesson text is readable first. The shell engine, the
 * heaviest part, arrives by dynamic import after the prompt (session.warmUp).
 */
import '../node-shims/globals.ts';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { Simulation, type SimulationOptions } from '../../simulator/simulation.ts';
import { eventLoopTurn, type HostPort } from '../../simulator/core/host-port.ts';
import { createShell } from '../../simulator/shell/create-shell.ts';
import type { ShellSession } from '../../simulator/shell/session.ts';
import type { TerminalPort } from '../../simulator/shell/terminal.ts';

/**
 * Terminal conventions for the clipboard: Ctrl-Shift-C copies the selection,
 * Ctrl-Shift-V is left to the browser so its paste event reaches xterm
 * (xterm would otherwise send ^V). Returns false for keys xterm must ignore.
 */
function clipboardKeys(term: Terminal, e: KeyboardEvent): boolean {
  if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
  const key = e.key.toLowerCase();
  if (key === 'v') return false;
  if (key === 'c') {
    const text = term.getSelection();
    if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
    return false;
  }
  return true;
}

/** Font size and screen-reader mode, for the buttons next to the terminal. */
export function setFontSize(mounted: MountedTerminal, delta: number): number {
  const size = Math.min(28, Math.max(10, (mounted.term.options.fontSize ?? 15) + delta));
  mounted.term.options.fontSize = size;
  mounted.fit();
  return size;
}

export function toggleScreenReader(mounted: MountedTerminal): boolean {
  mounted.term.options.screenReaderMode = !mounted.term.options.screenReaderMode;
  return !!mounted.term.options.screenReaderMode;
}

export type MountedTerminal = {
  term: Terminal;
  session: ShellSession;
  sim: Simulation;
  fit(): void;
  dispose(): void;
  /**
   * Collect output instead of drawing it (a restore replays thousands of commands: drawing
   * each one made xterm lay out and paint the whole way). The returned function writes it all
   * at once — xterm parses a large write in its own time slices — and resolves when drawn.
   */
  holdOutput(): () => Promise<void>;
  /** Everything the shell writes, as written (also while held): the map reads what the learner was shown. */
  onOutput(fn: (text: string) => void): () => void;
};

/** `simulation`: a lab's scenario (mail server state, infected hosts); the seed always comes from `seed`; `startHost`: where the shell opens. */
export function mountTerminal(host: HTMLElement, opts: { seed: number; simulation?: Omit<SimulationOptions, 'seed'>; startHost?: string }): MountedTerminal {
  const term = new Terminal({
    cursorBlink: true,
    convertEol: false,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 15,
    scrollback: 5000,
    screenReaderMode: false,
    theme: { background: '#0f1419', foreground: '#e6e1cf', cursor: '#ffcc66' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();

  // The page lends the simulation its event loop, and real time only for programs that follow it (tail -f).
  let lastTurn = performance.now();
  const hostPort: HostPort = {
    // settle: the default, the same cheap turn as yield (a MessageChannel message: node-shims/globals.ts).
    ...eventLoopTurn,
    // A loop of builtins asks for a turn every 64 runs; a turn can cost the page a frame, so it gets
    // one once the page has run for 40 ms without (Ctrl-C still lands at once, no task grows long).
    yield: () => eventLoopTurn.yield().then(() => void (lastTurn = performance.now())),
    due: () => performance.now() - lastTurn >= 40,
    every: (ms, fn) => {
      const t = window.setInterval(fn, ms);
      return () => window.clearInterval(t);
    },
  };
  const sim = new Simulation({ ...opts.simulation, seed: opts.seed, host: hostPort });
  let held: string[] | undefined;
  let taps: Array<(text: string) => void> = [];
  const port: TerminalPort = {
    write: (d) => {
      for (const tap of taps) tap(d);
      if (held) held.push(d);
      else term.write(d);
    },
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
  };
  const session = createShell(sim, port, { startHost: opts.startHost });
  term.attachCustomKeyEventHandler((e) => clipboardKeys(term, e));
  const input = term.onData((d) => session.input(d));
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(host);
  session.start();
  term.focus();
  // Benchmarks read this: the moment a person could start typing.
  (globalThis as { relayLabReadyAt?: number }).relayLabReadyAt = performance.now();
  // The shell engine (just-bash, ~360 KB gzip) loads after the prompt is up; a
  // command typed before it arrives simply waits for it.
  void session.warmUp().then(() => {
    (globalThis as { relayLabEngineAt?: number }).relayLabEngineAt = performance.now();
  });
  return {
    term,
    session,
    sim,
    fit: () => fit.fit(),
    onOutput(fn) {
      taps = [...taps, fn];
      return () => void (taps = taps.filter((t) => t !== fn));
    },
    holdOutput() {
      held ??= [];
      return () =>
        new Promise<void>((resolve) => {
          const text = (held ?? []).join('');
          held = undefined;
          term.write(text, resolve);
        });
    },
    dispose() {
      observer.disconnect();
      input.dispose();
      term.dispose();
    },
  };
}
