/**
 * The one grading rule (ARCHITECTURE.md, "Labs and grading"), used by the lab
 * page, `relaylab check` and the tests:
 *
 * - A step is done when all its checks pass on the state the network is in
 *   now. Nothing is remembered as "done": a relay closed and opened again is
 *   an open relay.
 * - A step that passed at some earlier grading and fails now is *re-opened*:
 *   its line says so and names what broke (the failing check's reason, e.g.
 *   "relayed 16 of 16 tests"), so the learner knows it is not a new task.
 * - The lab is complete when every step passes on the final state.
 *
 * The memory of earlier passes (`passedBefore`) only words the message; it
 * never changes a verdict, so a grader without history (`relaylab check`
 * grades once, at the end) reaches the same verdicts as the page.
 */
import type { GraderEnv } from './grader-env.ts';
import type { Lab } from '../labs/schema.ts';
import { gradeLab, type StepVerdict } from './grade.ts';
import type { CheckResult, GradeOptions } from './types.ts';
import { t } from '../i18n/t.ts';

export type StepProgress = {
  stepId: string;
  title: string;
  pass: boolean;
  /** Passed at an earlier grading, fails now. */
  reopened: boolean;
  /** The verdict's one line (see `stepReason`). */
  reason: string;
  /** What to show the learner: done, not yet, or re-opened with what broke. */
  message: string;
  /** Each check's own verdict and reason, in the author's order (the lab page lists them). */
  checks: CheckResult[];
};

export type LabVerdict = {
  steps: StepProgress[];
  passed: number;
  total: number;
  /** Every step passes on this state. */
  complete: boolean;
  /** Steps that have passed at this or any earlier grading: keep it for the next call. */
  passedBefore: string[];
};

export const stepMessage = (s: { pass: boolean; reopened: boolean; reason: string }): string =>
  t(s.pass ? 'grader.step.done' : s.reopened ? 'grader.step.reopened' : 'grader.step.not-yet', { reason: s.reason });

/** Apply the rule to verdicts graded on one state. */
export function applyGradingRule(verdicts: readonly StepVerdict[], passedBefore: Iterable<string> = []): LabVerdict {
  const before = new Set(passedBefore);
  const steps = verdicts.map((v): StepProgress => {
    const reopened = !v.pass && before.has(v.stepId);
    return { stepId: v.stepId, title: v.title, pass: v.pass, reopened, reason: v.reason, message: stepMessage({ pass: v.pass, reopened, reason: v.reason }), checks: v.checks };
  });
  for (const s of steps) if (s.pass) before.add(s.stepId);
  const passed = steps.filter((s) => s.pass).length;
  return { steps, passed, total: steps.length, complete: passed === steps.length, passedBefore: [...before] };
}

/** Grade every step of the lab on the simulation's current state, under the rule. */
export async function gradeProgress(sim: GraderEnv, lab: Lab, answers: Readonly<Record<string, string>> = {}, passedBefore: Iterable<string> = [], opts: GradeOptions = {}): Promise<LabVerdict> {
  return applyGradingRule(await gradeLab(sim, lab, answers, opts), passedBefore);
}
