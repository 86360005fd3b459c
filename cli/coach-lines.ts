/**
 * The coach in a terminal: `relaylab shell --lab ID` prints each mistake on
 * stderr as one marked line, apart from the transcript on stdout, so what the
 * servers print stays exactly what they print.
 */
import { createCoach, type Coach } from '../simulator/coach/coach.ts';
import { firstOpenStep } from '../simulator/coach/current-step.ts';
import { say } from '../simulator/coach/messages.ts';
import type { Lab } from '../simulator/labs/schema.ts';
import type { ShellSession } from '../simulator/shell/session.ts';
import type { Simulation } from '../simulator/simulation.ts';

/** `raw`: the terminal is in raw mode (a line needs CR LF); on a TTY the line is dimmed yellow. */
export function coachLines(sim: Simulation, lab: Lab, session: ShellSession, opts: { raw: boolean }): Coach {
  const coach = createCoach(sim, lab, { currentStep: () => firstOpenStep(sim, lab) });
  coach.attach(session);
  const tty = process.stderr.isTTY;
  coach.onMistake((m) => {
    const text = say('shell-prefix') + m.text + (m.action === 'reset' ? say('shell-reset', { lab: lab.id }) : '');
    process.stderr.write((tty ? `\x1b[33m${text}\x1b[0m` : text) + (opts.raw ? '\r\n' : '\n'));
  });
  return coach;
}
