/** A lab's scenario as Simulation options (the seed comes from the attempt, not the lab file). */
import { SeededRandom } from '../core/rng.ts';
import { buildDefaultTopology, infectedHosts } from '../net/topology.ts';
import type { SimulationOptions } from '../simulation.ts';
import type { Lab, LabStep } from './schema.ts';
import { prepareQueue } from './queue-seed.ts';
import { batteryFromOutside, halfClosedLeak, type HalfClosedLeak } from '../mail/scenarios.ts';
import { recordEvidence } from '../grader/evidence.ts';
import { EVIDENCE_FACTS } from '../grader/checks/answer.ts';
import { findCheckKind } from '../grader/registry.ts';
import { CLIENT_PROFILE, CLIENT_PROFILE_TEXT } from '../world/client-profile.ts';
import { OPS_HOST } from '../net/corp-hosts.ts';

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

/** A half-closed lab leaks through the form its seed chooses (mail/scenarios.ts HALF_CLOSED_LEAKS). */
export function labLeak(lab: Lab, seed: number): HalfClosedLeak | undefined {
  return lab.scenario.mail === 'half-closed' ? halfClosedLeak(seed) : undefined;
}

const answerFact = (step: LabStep): string | undefined => {
  const c = step.checks.find((c) => c.kind === 'answer');
  return c && typeof c['fact'] === 'string' ? c['fact'] : undefined;
};

/** Labs whose questions are answered from the learner's recorded actions. */
export function needsEvidence(lab: Lab): boolean {
  return lab.steps.some((s) => EVIDENCE_FACTS.has(answerFact(s) ?? '') || s.checks.some((c) => findCheckKind(c.kind)?.evidence));
}

/** The lab's network for a seed, without the simulation (which desks, which users). */
function labTopology(lab: Lab, seed: number) {
  return buildDefaultTopology({ seed, workstations: lab.scenario.workstations, infected: infectedNames(lab, seed) });
}

/**
 * `stolenAccounts: N` — whose passwords the spammers hold: N users of clean
 * desks (an infected desk's password is stolen by its bot anyway), drawn from
 * a stream of the seed's own.
 */
export function stolenAccountUsers(lab: Lab, seed: number): string[] {
  const n = lab.scenario.stolenAccounts;
  if (!n) return [];
  const clean = labTopology(lab, seed).hosts.filter((h) => h.role === 'workstation' && !h.infected && h.user).map((h) => h.user!);
  return new SeededRandom((seed ^ 0x5701e2) >>> 0).sample(clean, Math.min(n, clean.length)).sort();
}

export function simulationOptions(lab: Lab, seed: number): LabSimulationOptions {
  const s = lab.scenario;
  const evidence = needsEvidence(lab);
  const stolenAccounts = stolenAccountUsers(lab, seed);
  return {
    seed,
    mailScenario: s.mail,
    halfClosedLeak: labLeak(lab, seed),
    workstations: s.workstations,
    infected: infectedNames(lab, seed),
    world: s.world && (stolenAccounts.length ? { stolenAccounts } : true),
    submission: s.submission,
    prepare: (sim) => {
      if (s.clientProfile) sim.machine(OPS_HOST).fs.write(CLIENT_PROFILE, CLIENT_PROFILE_TEXT);
      // The company's recent past (listings, complaints, mail.log) happens before anything is recorded as the learner's.
      if (s.historyHours && sim.world) sim.world.advance(Math.round(s.historyHours * 3_600_000));
      // Always runs: it records the queue's starting state, which the `queue` check compares against.
      prepareQueue(sim, s.queue);
      // After the set-up, so the seeded queue is not taken for the learner's doing.
      if (evidence) recordEvidence(sim);
    },
  };
}

/** The seed an attempt uses: a trainer's `?seed=` / `--seed` wins, then the lab's fixed seed, then a fresh one. */
export function attemptSeed(lab: Lab, requested: number | undefined, fresh: () => number): number {
  if (requested !== undefined) return requested;
  return lab.scenario.seed.policy === 'fixed' ? lab.scenario.seed.value : fresh();
}

/**
 * Names in a solution line that the seed decides, as `{{NAME}}`:
 * `infected.N` / `infected.N.user` (the Nth infected desk by name, and who
 * sits at it), `stolen.N.user` (the Nth stolen account). Undefined for a
 * name the seed does not define.
 */
export function seedFacts(lab: Lab, seed: number): Record<string, string> {
  const out: Record<string, string> = {};
  const infected = infectedHosts(labTopology(lab, seed)).sort((a, b) => a.short.localeCompare(b.short));
  infected.forEach((h, i) => {
    out[`infected.${i + 1}`] = h.short;
    if (h.user) out[`infected.${i + 1}.user`] = h.user;
  });
  stolenAccountUsers(lab, seed).forEach((u, i) => (out[`stolen.${i + 1}.user`] = u));
  return out;
}

const PLACEHOLDER = /\{\{([a-z0-9.]+)\}\}/g;

/**
 * The lines a step's solution types for a seed: `{{infected.1}}` and the
 * other seedFacts names filled in. Without a seed (and no fixed one) the
 * lines are returned as written, placeholders and all.
 */
export function stepLines(lab: Lab, step: LabStep, seed?: number): readonly string[] {
  const sd = keySeed(lab, seed);
  if (sd === undefined || !step.solution.some((l) => l.includes('{{'))) return step.solution;
  const facts = seedFacts(lab, sd);
  return step.solution.map((l) => l.replace(PLACEHOLDER, (all, name: string) => facts[name] ?? all));
}

/** Every line a lab's solution types, in order. */
export function solutionLines(lab: Lab, seed?: number): string[] {
  return lab.steps.flatMap((s) => stepLines(lab, s, seed));
}

/** The seed a key is for when none is given: the lab's fixed seed, else none (seed-dependent answers are then left out). */
const keySeed = (lab: Lab, seed?: number) => seed ?? (lab.scenario.seed.policy === 'fixed' ? lab.scenario.seed.value : undefined);

/**
 * The answer a step's solution gives for this seed. Facts the seed decides
 * (which workstations are infected, how many battery tests the half-closed
 * server's leak lets through) come from the scenario; others from the lab
 * file's `answer`. `undefined`: not an answer step, or it depends on a seed not given.
 */
export function stepAnswer(lab: Lab, step: LabStep, seed?: number): string | undefined {
  const fact = answerFact(step);
  const sd = keySeed(lab, seed);
  if (fact === 'battery-accepted') return sd === undefined ? undefined : String(batteryFromOutside(lab.scenario.mail, labLeak(lab, sd)).length);
  if (fact === 'infected-workstations') {
    if (sd === undefined) return undefined;
    const topology = buildDefaultTopology({ seed: sd, workstations: lab.scenario.workstations, infected: infectedNames(lab, sd) });
    return infectedHosts(topology).map((h) => h.short).join(' ');
  }
  return step.answer;
}

/** The trainer's answers, by step id, for this seed (the one source: tests, `labs show --solution`, `check`). */
export function solutionAnswers(lab: Lab, seed?: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of lab.steps) {
    const a = stepAnswer(lab, s, seed);
    if (a !== undefined) out[s.id] = a;
  }
  return out;
}
