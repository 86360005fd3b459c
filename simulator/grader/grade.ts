/**
 * Grading a lab: run each step's checks against the live simulation, in
 * order, one at a time (probes share the mail server like any client). A
 * step passes when all its checks pass; see `stepReason` for which reason shows.
 * Checks leave no trace: probes connect as auditors (see smtp-probe.ts) and
 * predicates only read, so grading never changes what the learner sees next
 * (tests/unit/grader/no-trace.test.ts grades every lab repeatedly to prove it).
 */
import type { GraderEnv } from './grader-env.ts';
import type { Lab, LabStep } from '../labs/schema.ts';
import { findCheckKind } from './registry.ts';
import { isPrepared } from '../labs/prepared.ts';
import type { CheckResult, GradeOptions } from './types.ts';
import { t } from '../i18n/t.ts';

export type StepVerdict = {
  stepId: string;
  title: string;
  pass: boolean;
  /** One line: see stepReason. */
  reason: string;
  checks: CheckResult[];
};

export async function gradeStep(sim: GraderEnv, step: LabStep, answers: Readonly<Record<string, string>> = {}, opts: GradeOptions = {}): Promise<StepVerdict> {
  const results: CheckResult[] = [];
  const probes: boolean[] = [];
  for (const check of step.checks) {
    const kind = findCheckKind(check.kind);
    probes.push(kind?.probe ?? false);
    if (!kind) {
      results.push({ pass: false, reason: t('grader.unknown-kind', { kind: check.kind }) });
      continue;
    }
    const { kind: _k, ...raw } = check;
    // A page's lab was parsed at build time (labs/prepared.ts): the browser has no schemas to run.
    const params = isPrepared(check) ? raw : kind.params.parse(raw);
    try {
      results.push(await kind.run({ sim, answers, stepId: step.id, onBattery: opts.onBattery }, params));
    } catch (err) {
      results.push({ pass: false, reason: t('grader.could-not-run', { error: err instanceof Error ? err.message : String(err) }) });
    }
  }
  const failed = results.find((r) => !r.pass);
  return { stepId: step.id, title: step.title, pass: !failed, reason: stepReason(results, probes), checks: results };
}

/**
 * The one line a step shows. Failing: the first failure in the author's
 * order — what to fix next (the wrong-fix tests rely on it: "still relays"
 * before a config detail). Passing: the first probe's reason, else the first
 * check's — a probe is the network's own evidence ("refused all 16 relay
 * tests"), which tells a learner more than a config value it merely confirms;
 * the last check's reason, shown before, was often such a detail.
 */
export function stepReason(results: readonly CheckResult[], probes: readonly boolean[]): string {
  const failed = results.find((r) => !r.pass);
  if (failed) return failed.reason;
  const probe = results.find((_, i) => probes[i]);
  return (probe ?? results[0])?.reason ?? t('grader.nothing-to-check');
}

export async function gradeLab(sim: GraderEnv, lab: Lab, answers: Readonly<Record<string, string>> = {}, opts: GradeOptions = {}): Promise<StepVerdict[]> {
  const out: StepVerdict[] = [];
  for (const step of lab.steps) out.push(await gradeStep(sim, step, answers, opts));
  return out;
}
