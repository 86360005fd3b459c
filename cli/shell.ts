/**
 * `relaylab shell [--seed N] [--lab ID] [--speed X] [--no-world]`: on a TTY, the same shell
 * as the browser (raw keys in, ANSI out). With piped stdin, each line is
 * typed when a person could type it — after the prompt returns, or after the
 * SMTP server's reply — and the screen is printed as a plain transcript.
 *
 * Without --lab the network is the company of the source post: an open
 * relay, infected workstations, no egress filtering, and the living world
 * (employees, bots, the outside spammer) running. With --lab it is that
 * lab's scenario and start host.
 */
import { createInterface } from 'node:readline';
import { Simulation, type SimulationOptions } from '../simulator/simulation.ts';
import { eventLoopTurn, type HostPort } from '../simulator/core/host-port.ts';
import { createShell } from '../simulator/shell/create-shell.ts';
import type { ShellSession } from '../simulator/shell/session.ts';
import type { TerminalPort } from '../simulator/shell/terminal.ts';
import { attemptSeed, simulationOptions } from '../simulator/labs/scenario.ts';
import { parseSeed, parseVerbArgs } from './args.ts';
import { loadLab } from './lab-files.ts';
import { transcriptText } from './transcript.ts';
import type { Lab } from '../simulator/labs/schema.ts';
import { coachLines } from './coach-lines.ts';
import { t } from '../simulator/i18n/t.ts';

type Setup = { options: SimulationOptions; startHost?: string; speed: number; lab?: Lab };

function setup(args: string[]): Setup {
  const { values } = parseVerbArgs(args, { seed: { type: 'string' }, lab: { type: 'string' }, speed: { type: 'string' }, 'no-world': { type: 'boolean' } });
  const requested = values.seed === undefined ? undefined : parseSeed(values.seed as string);
  const speedText = values.speed as string | undefined;
  const speed = speedText === undefined ? undefined : Number(speedText);
  if (speed !== undefined && !(speed > 0 && speed <= 3600)) throw new Error(t('cli.bad-speed', { value: String(speedText) }));
  if (values.lab) {
    const lab = loadLab(values.lab as string);
    const seed = attemptSeed(lab, requested, () => parseSeed(undefined));
    return { options: simulationOptions(lab, seed), startHost: lab.startHost, speed: speed ?? lab.scenario.clockSpeed, lab };
  }
  // --no-world: the same company with nobody else on the network (scripted demos and tests that count log lines).
  return { options: { seed: requested ?? parseSeed(undefined), mailScenario: 'open', world: !values['no-world'] }, speed: speed ?? 1 };
}

export async function shellCommand(args: string[]): Promise<number> {
  let s: Setup;
  try {
    s = setup(args);
  } catch (err) {
    process.stderr.write(`relaylab shell: ${(err as Error).message}\n`);
    return 2;
  }
  const tty = !!process.stdin.isTTY;
  // A person at a terminal lends real time to programs that follow it (tail -f); a script lends none, so it replays exactly.
  const host: HostPort = tty
    ? {
        ...eventLoopTurn,
        every: (ms, fn) => {
          const t = setInterval(fn, ms);
          return () => clearInterval(t);
        },
      }
    : eventLoopTurn;
  const sim = new Simulation({ ...s.options, host });
  return tty ? interactive(sim, s) : scripted(sim, s);
}

/** A person at a terminal: the world's clock runs in real time (times --speed), as in the browser. */
async function interactive(sim: Simulation, s: Setup): Promise<number> {
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
  const session = createShell(sim, terminal, { startHost: s.startHost });
  const coach = s.lab && coachLines(sim, s.lab, session, { raw: true });
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => session.input(d));
  session.start();
  const background = sim.world?.runInBackground(s.speed, (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  });
  await untilClosed(session);
  coach?.dispose();
  background?.stop();
  process.stdin.setRawMode(false);
  process.stdin.pause();
  return session.lastExitCode;
}

function untilClosed(session: ShellSession): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => (session.isClosed ? resolve() : setTimeout(check, 50));
    check();
  });
}

/** A script: time moves only with the lines (1 s each, `sleep`, `advance`), so the same seed gives the same transcript. */
async function scripted(sim: Simulation, s: Setup): Promise<number> {
  const terminal: TerminalPort = {
    write: (d) => process.stdout.write(transcriptText(d)),
    cols: 80,
    rows: 24,
  };
  const session = createShell(sim, terminal, { startHost: s.startHost });
  const coach = s.lab && coachLines(sim, s.lab, session, { raw: false });
  session.start();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (session.isClosed) break;
    // The coach's line for the previous command comes before the next one is typed.
    await session.whenReady();
    await coach?.idle();
    await session.feedLine(line);
  }
  await session.whenReady();
  session.endOfInput();
  await session.whenReady();
  await coach?.idle();
  coach?.dispose();
  if (!session.isClosed) process.stdout.write('\n');
  return session.lastExitCode;
}

