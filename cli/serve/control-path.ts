/**
 * Where a running serve's control channel is found, and what its messages
 * look like: shared by the serve process (control.ts) and the attach client
 * (attach.ts), which must stay light — it loads no simulator code.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ControlInfo = { socket: string; token: string; pid: number };

export type Hello = {
  token: string;
  verb: 'shell' | 'check';
  mode: 'tty' | 'script';
  cols?: number;
  rows?: number;
  lab?: string;
  answers?: Record<string, string>;
  /** check only: print the typed lines' transcript before the verdicts. */
  transcript?: boolean;
};

export type ControlMessage = { hello?: Hello; keys?: string; line?: string; resize?: { cols: number; rows: number }; eof?: boolean };

/** $XDG_RUNTIME_DIR/relaylab, else /tmp/relaylab-UID (made mode 0700 by the serve process). */
export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'relaylab') : join(tmpdir(), `relaylab-${uid}`);
}

/** Where `--attach` looks for the running serve by default. */
export const controlFile = (dir = runtimeDir()) => join(dir, 'serve.json');
