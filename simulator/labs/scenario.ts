/** A lab's scenario as Simulation options (the seed comes from the attempt, not the lab file). */
import { SeededRandom } from '../core/rng.ts';
import type { SimulationOptions } from '../simulation.ts';
import type { Lab } from './schema.ts';
import { prepareQueue } from './queue-seed.ts';

export type LabSimulationOptions = SimulationOptions & { mailScenario?: Lab['scenario']['mail'] };

/**
 * `infected: N` — which N workstations is the seed's choice, drawn from a
 * stream of its own so the same seed always infects the same machines and
 * answer checks (which read the topology) stay right.
 */
export function infectedNames(lab: Lab, seed: number): string[] | undefined {
  const inf = lab.scenario.infected;
  if (inf === undefined) return undefined;
  if (Array.isArray(inf)) return inf;
  const count = lab.scenario.workstations ?? 24;
  const names = Array.from({ length: count }, (_, i) => `ws${String(i + 1).padStart(2, '0')}`);
  return new SeededRandom((seed ^ 0x1ab5eed) >>> 0).sample(names, Math.min(inf, count));
}

export function simulationOptions(lab: Lab, seed: number): LabSimulationOptions {
  const s = lab.scenario;
  return {
    seed,
    mailScenario: s.mail,
    workstations: s.workstations,
    infected: infectedNames(lab, seed),
    world: s.world,
    // Always runs: it records the queue's starting state, which the `queue` check compares against.
    prepare: (sim) => prepareQueue(sim, s.queue),
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
