/** A lab's scenario as Simulation options (the seed comes from the attempt, not the lab file). */
import type { SimulationOptions } from '../simulation.ts';
import type { Lab } from './schema.ts';

export type LabSimulationOptions = SimulationOptions & { mailScenario?: Lab['scenario']['mail'] };

export function simulationOptions(lab: Lab, seed: number): LabSimulationOptions {
  const s = lab.scenario;
  return {
    seed,
    mailScenario: s.mail,
    workstations: s.workstations,
    infected: typeof s.infected === 'number' ? undefined : s.infected,
  };
}

/** The seed an attempt uses: a trainer's `?seed=` / `--seed` wins, then the lab's fixed seed, then a fresh one. */
export function attemptSeed(lab: Lab, requested: number | undefined, fresh: () => number): number {
  if (requested !== undefined) return requested;
  return lab.scenario.seed.policy === 'fixed' ? lab.scenario.seed.value : fresh();
}

/** Every line a lab's solution types, in order. */
export function solutionLines(lab: Lab): string[] {
  return lab.steps.flatMap((s) => s.solution);
}

export function solutionAnswers(lab: Lab): Record<string, string> {
  return Object.fromEntries(lab.steps.filter((s) => s.answer !== undefined).map((s) => [s.id, s.answer!]));
}
