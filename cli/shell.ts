/**
 * `relaylab shell`: on a TTY, the same shell as the browser (raw keys in,
 * ANSI out). With piped stdin, each line is typed when a person could type
 * it — after the prompt returns, or after the SMTP server's reply — and the
 * screen is printed as a plain transcript.
 */
import { createInterface } from 'node:readline';
import { Simulation } from '../simulator/simulation.ts';
import { createShell } from '../simulator/shell/create-shell.ts';
import type { TerminalPort } from '../simulator/shell/terminal.ts';
import { parseSeed, parseVerbArgs } from './args.ts';
import { transcriptText } from './transcript.ts';

export async function shellCommand(args: string[]): Promise<number> {
  let seed: number;
  try {
    const { values } = parseVerbArgs(args, { seed: { type: 'string' } });
    seed = parseSeed(values.seed as string | undefined);
  } catch (err) {
    process.stderr.write(`relaylab shell: ${(err as Error).message}\n`);
    return 2;
  }
  const sim = new Simulation({ seed });
  return process.stdin.isTTY ? interactive(sim) : scripted(sim);
}

async function interactive(sim: Simulation): Promise<number> {
  const stdout = process.stdout;
  const terminal: TerminalPort = {
    write: (d) => stdout.write(d),
    get cols() {
      return stdout.columns ?? 80;
    },
    get rows() {
      return stdout.rows ?? 24;
    },
  };
  const session = createShell(sim, terminal);
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => session.input(d));
  session.start();
  await new Promise<void>((resolve) => {
    const check = () => (session.isClosed ? resolve() : setTimeout(check, 50));
    check();
  });
  process.stdin.setRawMode(false);
  process.stdin.pause();
  return session.lastExitCode;
}

async function scripted(sim: Simulation): Promise<number> {
  const terminal: TerminalPort = {
    write: (d) => process.stdout.write(transcriptText(d)),
    cols: 80,
    rows: 24,
  };
  const session = createShell(sim, terminal);
  session.start();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (session.isClosed) break;
    await session.feedLine(line);
  }
  await session.whenReady();
  session.endOfInput();
  await session.whenReady();
  if (!session.isClosed) process.stdout.write('\n');
  return session.lastExitCode;
}
