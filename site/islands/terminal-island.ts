/**
 * The lab terminal island: xterm.js on the page, the simulation in the tab.
 * Loaded after the lesson text renders; the heavy parts arrive by dynamic import.
 */
import '../node-shims/globals.ts';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { Simulation } from '../../simulator/simulation.ts';
import { createShell } from '../../simulator/shell/create-shell.ts';
import type { ShellSession } from '../../simulator/shell/session.ts';
import type { TerminalPort } from '../../simulator/shell/terminal.ts';

export type MountedTerminal = { term: Terminal; session: ShellSession; sim: Simulation; dispose(): void };

export function mountTerminal(host: HTMLElement, opts: { seed: number }): MountedTerminal {
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

  const sim = new Simulation({ seed: opts.seed });
  const port: TerminalPort = {
    write: (d) => term.write(d),
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
  };
  const session = createShell(sim, port);
  const input = term.onData((d) => session.input(d));
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(host);
  session.start();
  term.focus();
  // Benchmarks read this: the moment a person could start typing.
  (globalThis as { relayLabReadyAt?: number }).relayLabReadyAt = performance.now();
  return {
    term,
    session,
    sim,
    dispose() {
      observer.disconnect();
      input.dispose();
      term.dispose();
    },
  };
}
