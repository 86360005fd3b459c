/**
 * What a workshop is told about an attempt, read off the one grading rule
 * (lab-progress.ts): the changes between the verdicts last reported and the
 * verdicts now. Isomorphic and pure; the lab page stamps and sends them.
 *
 * - `passed`: a step passes that did not at the last report (the first
 *   report of an attempt — e.g. restored work — reports what passes now).
 * - `reopened`: a step that passed fails now (the reason says what broke).
 * - `wrong-fix`: the step being worked on (the first that failed at the last
 *   report) still fails, but for another reason — the learner changed the
 *   network and it is not fixed yet. Not for question steps: a wrong answer
 *   is an `answer` event, judged by the next verdict.
 * - `complete`: every step passes and did not at the last report.
 * The page adds `opened`, `hint`, `show-me` and `answer` as they happen.
 */
import type { Lab } from '../labs/schema.ts';
import type { LabVerdict } from './lab-progress.ts';

export type ProgressEventKind = 'opened' | 'passed' | 'reopened' | 'wrong-fix' | 'hint' | 'show-me' | 'answer' | 'complete';

export type ProgressChange = { kind: ProgressEventKind; step: string; detail: string };

/** The last verdicts reported, per step; keep it with the attempt. */
export type ReportedVerdicts = { steps: Record<string, { pass: boolean; reason: string }>; complete: boolean };

export function progressChanges(lab: Lab, reported: ReportedVerdicts | undefined, verdict: LabVerdict): { changes: ProgressChange[]; reported: ReportedVerdicts } {
  const changes: ProgressChange[] = [];
  const working = reported ? lab.steps.find((s) => !reported.steps[s.id]?.pass)?.id : undefined;
  const steps: ReportedVerdicts['steps'] = {};
  for (const v of verdict.steps) {
    const before = reported?.steps[v.stepId];
    steps[v.stepId] = { pass: v.pass, reason: v.reason };
    if (v.pass && !before?.pass) changes.push({ kind: 'passed', step: v.stepId, detail: v.reason });
    else if (!v.pass && before?.pass) changes.push({ kind: 'reopened', step: v.stepId, detail: v.reason });
    else if (!v.pass && before && before.reason !== v.reason && v.stepId === working && !lab.steps.find((s) => s.id === v.stepId)?.question) {
      changes.push({ kind: 'wrong-fix', step: v.stepId, detail: v.reason });
    }
  }
  if (verdict.complete && !reported?.complete) changes.push({ kind: 'complete', step: '', detail: '' });
  return { changes, reported: { steps, complete: verdict.complete } };
}
