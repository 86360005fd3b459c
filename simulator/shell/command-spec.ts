/**
 * The shape of every shell command. Commands are plain functions over a
 * context: they read stdin and write stdout/stderr as text (so they work in
 * pipes), and interactive programs get the terminal when run in the foreground.
 */
import type { Host } from '../net/topology.ts';
import type { Machine, Simulation } from '../simulation.ts';
import type { CommandIO } from './session.ts';

export type CommandContext = {
  sim: Simulation;
  args: string[];
  /** The host the command runs on. */
  machine: Machine;
  user: string;
  cwd: string;
  home: string;
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  signal: AbortSignal;
  /** The terminal, when the command runs alone in the foreground (interactive programs need it). */
  tty?: CommandIO;
};

export type CommandSpec = {
  name: string;
  /** One line for `help`. */
  summary: string;
  /** Synopsis for usage errors and `man`. */
  usage: string;
  /** A short, accurate manual page (what `man NAME` prints after the synopsis). */
  man?: string;
  /**
   * Needs the terminal (telnet, nc, nano, less, tail -f): runs only as a
   * line's single simple command. A function decides per invocation (`tail -f`).
   */
  interactive?: boolean | ((args: string[]) => boolean);
  /**
   * Interactive on the terminal, but in a pipeline or with `< file` it reads
   * stdin instead (nc): it runs there rather than asking for the terminal.
   */
  stdinCapable?: boolean;
  /**
   * 'bash': just-bash implements it (grep, awk…); the spec is here for help,
   * man and completion, and `run` is used only when `interactive` says so.
   */
  engine?: 'bash';
  /** Where the command exists; every host when absent. */
  availableOn?: (host: Host) => boolean;
  run(ctx: CommandContext): Promise<number> | number;
};
