/**
 * One attempt at a lab, headless: build the lab's simulation from a seed,
 * open the learner's shell, type the lines the way a person would (feedLine
 * waits for the prompt or the server's reply), then grade every step. The CLI
 * (`relaylab check`) and the solution tests both run through here, so they
 * exercise the same engine as the browser; the verdicts go through the one
 * grading rule (`grader/lab-progress.ts`) the lab page applies.
 */
import { Simulation } from '../simulation.ts';
import { createShell } from '../shell/create-shell.ts';
import type { ShellSession } from '../shell/session.ts';
import type { TerminalPort } from '../shell/terminal.ts';
import { gradeLab, type StepVerdict } from '../grader/grade.ts';
import { applyGradingRule, type LabVerdict } from '../grader/lab-progress.ts';
import type { Lab } from './schema.ts';
import { simulationOptions } from './scenario.ts';
import { createCoach, type Mistake } from '../coach/coach.ts';
import { firstOpenStep } from '../coach/current-step.ts';

export type AttemptResult = { seed: number; verdicts: StepVerdict[]; progress: LabVerdict; transcript: string; sim: Simulation; mistakes: Mistake[] };

export function labSimulation(lab: Lab, seed: number): Simulation {
  return new Simulation(simulationOptions(lab, seed));
}

/** Type lines into a session as a person would, then let a foreground program finish as on end of input. */
export async function typeLines(session: ShellSession, lines: readonly string[], opts: { beforeLine?: () => Promise<void> } = {}): Promise<void> {
  for (const line of lines) {
    if (session.isClosed) break;
    if (opts.beforeLine) {
      await session.whenReady();
      await opts.beforeLine();
    }
    await session.feedLine(line);
  }
  await session.whenReady();
  session.endOfInput();
  await session.whenReady();
}

/** The last command has returned (telnet ended by end of input returns a moment after it is done). */
function commandFinished(session: ShellSession): Promise<void> {
  if (!session.commandRunning || session.isClosed) return Promise.resolve();
  return new Promise((resolve) => {
    const off = session.observe({ commandDone: () => (off(), resolve()) });
  });
}

export async function runAttempt(lab: Lab, seed: number, lines: readonly string[], answers: Readonly<Record<string, string>> = {}): Promise<AttemptResult> {
  const sim = labSimulation(lab, seed);
  let transcript = '';
  const terminal: TerminalPort = { write: (d) => void (transcript += d), cols: 100, rows: 30 };
  const session = createShell(sim, terminal, { startHost: lab.startHost });
  // The coach names mistakes as each command returns; the next line waits until it has spoken.
  const coach = createCoach(sim, lab, { currentStep: () => firstOpenStep(sim, lab, answers) });
  coach.attach(session);
  session.start();
  await typeLines(session, lines, { beforeLine: () => coach.idle() });
  await commandFinished(session);
  await coach.idle();
  coach.standing();
  const mistakes = [...coach.seen];
  coach.dispose();
  const verdicts = await gradeLab(sim, lab, answers);
  const progress = applyGradingRule(verdicts);
  return { seed, verdicts, progress, transcript, sim, mistakes };
}
