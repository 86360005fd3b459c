/**
 * Lab 4's simulated week, shared by the Node and the Chromium bench: the lab
 * exactly as a learner gets it (its scenario: six counted days and twelve
 * detailed hours, the seed's incident on the way) up to a prompt in its shell.
 * Seed 2 is a relay week, seed 1 a bots week.
 */
import labJson from '../labs/watch-your-mail-server/lab.json';
import { LabSchema } from '../simulator/labs/schema.ts';
import { labSimulation } from '../simulator/labs/attempt.ts';
import { createShell } from '../simulator/shell/create-shell.ts';
import type { Simulation } from '../simulator/simulation.ts';

const lab = LabSchema.parse(labJson);
export const LAB_WEEK_SEEDS = { relay: 2, bots: 1 } as const;

export type LabWeekResult = { ms: number; cause: string; hours: number; mailLogLines: number };

/** Time to a usable lab: the week lived and the learner's shell at its prompt. `keep` receives the simulation. */
export function runLabWeek(now: () => number, seed: number, keep?: (sim: Simulation) => void): LabWeekResult {
  const t0 = now();
  const sim = labSimulation(lab, seed);
  let out = '';
  const shell = createShell(sim, { write: (d) => void (out += d), cols: 100, rows: 30 }, { startHost: lab.startHost });
  shell.start();
  const ms = now() - t0;
  keep?.(sim);
  return { ms, cause: sim.world?.incidents[0]?.cause ?? 'none', hours: sim.world?.series().hours.length ?? 0, mailLogLines: sim.mailServer.log.length };
}
