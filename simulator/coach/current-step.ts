/**
 * The step a headless learner is on: the first that does not pass now (the
 * page knows it from its own grading). Graded only when the coach asks, which
 * is rare (a relay accepted from inside); grading leaves no trace.
 */
import { gradeStep } from '../grader/grade.ts';
import type { Lab } from '../labs/schema.ts';
import type { GraderEnv } from '../grader/grader-env.ts';

export async function firstOpenStep(sim: GraderEnv, lab: Lab, answers: Readonly<Record<string, string>> = {}): Promise<string | undefined> {
  for (const step of lab.steps) if (!(await gradeStep(sim, step, answers)).pass) return step.id;
  return undefined;
}
