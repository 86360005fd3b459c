/**
 * Grading lab 3 (close-the-relay) once, all steps, after its solution — and
 * the same with fw dropping SMTP from the Internet (every probe from outside
 * then meets a dropped SYN). Shared by the Node and the Chromium bench.
 */
import { labSimulation, typeLines } from '../simulator/labs/attempt.ts';
import { gradeLab } from '../simulator/grader/grade.ts';
import { createShell } from '../simulator/shell/create-shell.ts';
import { solutionLines } from '../simulator/labs/scenario.ts';
import type { Lab } from '../simulator/labs/schema.ts';

const DROP = ['ssh fw', 'iptables -I FORWARD 1 -i eth0 -p tcp --dport 25 -j DROP', 'exit'];

export async function gradeLab3(lab: Lab, now: () => number, dropCase: boolean): Promise<{ ms: number; passed: number }> {
  const sim = labSimulation(lab, 7);
  const shell = createShell(sim, { write: () => undefined, cols: 100, rows: 30 }, { startHost: lab.startHost });
  shell.start();
  await typeLines(shell, [...solutionLines(lab), ...(dropCase ? DROP : [])]);
  const t0 = now();
  const verdicts = await gradeLab(sim, lab);
  return { ms: now() - t0, passed: verdicts.filter((v) => v.pass).length };
}
