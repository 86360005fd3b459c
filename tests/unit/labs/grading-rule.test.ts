/**
 * The one grading rule (simulator/grader/lab-progress.ts) over the shared
 * table of sessions (tests/shared/grading-sessions.ts), which the Chromium
 * test runs through the real page: `relaylab check`'s path (type everything,
 * grade once) and the page's path (grade after every command, remembering
 * what passed) reach the same verdicts; the page's history only adds the
 * "re-opened" wording.
 */
import { describe, expect, it } from 'vitest';
import { runAttempt, labSimulation, typeLines } from '../../../simulator/labs/attempt.ts';
import { applyGradingRule, gradeProgress, type LabVerdict } from '../../../simulator/grader/lab-progress.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import { loadLab } from '../../../cli/lab-files.ts';
import { GRADING_SESSIONS, RELOAD } from '../../shared/grading-sessions.ts';

describe('the grading rule', () => {
  it('judges the current state; an earlier pass only words the message', () => {
    const v = (stepId: string, pass: boolean, reason: string) => ({ stepId, title: stepId, pass, reason, checks: [] });
    const first = applyGradingRule([v('a', true, 'refused all 16 relay tests'), v('b', false, 'queue still has spam')]);
    expect(first).toMatchObject({ passed: 1, complete: false, passedBefore: ['a'] });
    const later = applyGradingRule([v('a', false, 'relayed 16 of 16 tests: the relay is open again'), v('b', true, 'spam gone')], first.passedBefore);
    expect(later.steps[0]).toMatchObject({ pass: false, reopened: true });
    expect(later.steps[0]!.message).toBe('Re-opened — this step passed before, but no longer: relayed 16 of 16 tests: the relay is open again');
    expect(later.steps[1]!.message).toBe('Done: spam gone');
    expect(later).toMatchObject({ passed: 1, complete: false });
    expect(new Set(later.passedBefore)).toEqual(new Set(['a', 'b']));
  });
});

describe('shared sessions: relaylab check and the page agree', () => {
  for (const s of GRADING_SESSIONS) {
    it(s.name, async () => {
      const lab = loadLab(s.lab);
      const lines = s.lines.filter((l) => l !== RELOAD);
      const once = await runAttempt(lab, s.seed, lines);
      expect(once.progress.steps.map((x) => x.pass)).toEqual(s.pass);
      expect(once.progress.complete).toBe(s.pass.every(Boolean));

      // The page: grade after every command, carrying what passed before.
      const sim = labSimulation(lab, s.seed);
      const session = createShell(sim, { write: () => undefined, cols: 100, rows: 30 }, { startHost: lab.startHost });
      session.start();
      let verdict: LabVerdict = await gradeProgress(sim, lab);
      for (const line of lines) {
        await typeLines(session, [line]);
        verdict = await gradeProgress(sim, lab, {}, verdict.passedBefore);
      }
      expect(verdict.steps.map((x) => x.pass)).toEqual(s.pass);
      expect(verdict.steps.filter((x) => x.reopened).map((x) => x.stepId)).toEqual(s.reopened);
      for (const x of verdict.steps.filter((x) => x.reopened)) expect(x.message).toMatch(/^Re-opened — this step passed before, but no longer: /);
    }, 30_000);
  }
});
