/**
 * Grading a lab: run each step's checks against the live simulation, in
 * order, one at a time (probes share the mail server like any client). A
 * step passes when all its checks pass; its reason is the first failure's.
 * The random sequence is restored around every check, so grading never
 * changes what the learner sees next.
 */
import type { Simulation } from '../simulation.ts';
import type { Lab, LabStep } from '../labs/schema.ts';
import { findCheckKind } from './registry.ts';
import { quietly } from './smtp-probe.ts';
import type { CheckResult } from './types.ts';

export type StepVerdict = {
  stepId: string;
  title: string;
  pass: boolean;
  /** One line: the first failing check's reason, or the last passing one. */
  reason: string;
  checks: CheckResult[];
};

export async function gradeStep(sim: Simulation, step: LabStep, answers: Readonly<Record<string, string>> = {}): Promise<StepVerdict> {
  const results: CheckResult[] = [];
  for (const check of step.checks) {
    const kind = findCheckKind(check.kind);
    if (!kind) {
      results.push({ pass: false, reason: `unknown check kind "${check.kind}"` });
      continue;
    }
    const { kind: _k, ...raw } = check;
    const params = kind.params.parse(raw);
    try {
      results.push(await quietly(sim, () => kind.run({ sim, answers, stepId: step.id }, params)));
    } catch (err) {
      results.push({ pass: false, reason: `the check could not run: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const failed = results.find((r) => !r.pass);
  return {
    stepId: step.id,
    title: step.title,
    pass: !failed,
    reason: (failed ?? results[results.length - 1])?.reason ?? 'nothing to check',
    checks: results,
  };
}

export async function gradeLab(sim: Simulation, lab: Lab, answers: Readonly<Record<string, string>> = {}): Promise<StepVerdict[]> {
  const out: StepVerdict[] = [];
  for (const step of lab.steps) out.push(await gradeStep(sim, step, answers));
  return out;
}
