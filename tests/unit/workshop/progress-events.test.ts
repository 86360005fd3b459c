/**
 * What the lab page reports to a workshop, read off the one grading rule:
 * passes, re-openings, wrong fixes on the step being worked on, completion —
 * each once, however often the page grades the same state.
 */
import { describe, expect, it } from 'vitest';
import { applyGradingRule } from '../../../simulator/grader/lab-progress.ts';
import { progressChanges, type ReportedVerdicts } from '../../../simulator/grader/progress-events.ts';
import { shippedLabs } from './helpers.ts';

const lab = shippedLabs().find((l) => l.id === 'close-the-relay')!;
const ids = lab.steps.map((s) => s.id);
const verdict = (pass: Record<string, boolean>, reasons: Record<string, string> = {}) =>
  applyGradingRule(lab.steps.map((s) => ({ stepId: s.id, title: s.title, pass: !!pass[s.id], reason: reasons[s.id] ?? (pass[s.id] ? 'ok' : 'not yet'), checks: [] })));

describe('progress events from the grading rule', () => {
  it('a session: first report, a wrong fix, a pass, the same state again, a break, completion', () => {
    let reported: ReportedVerdicts | undefined;
    const step = (v: ReturnType<typeof verdict>) => {
      const r = progressChanges(lab, reported, v);
      reported = r.reported;
      return r.changes.map((c) => `${c.kind} ${c.step} ${c.detail}`.trim());
    };
    expect(step(verdict({}, { [ids[0]!]: 'still relays: 16 of 16' }))).toEqual([]);
    expect(step(verdict({}, { [ids[0]!]: 'cannot be reached: connection refused' }))).toEqual([`wrong-fix ${ids[0]} cannot be reached: connection refused`]);
    // A later step's reason changing is not a wrong fix: it is not the step being worked on.
    expect(step(verdict({}, { [ids[0]!]: 'cannot be reached: connection refused', [ids[1]!]: 'other' }))).toEqual([]);
    expect(step(verdict({ [ids[0]!]: true }))).toEqual([`passed ${ids[0]} ok`]);
    expect(step(verdict({ [ids[0]!]: true }))).toEqual([]);
    expect(step(verdict({}, { [ids[0]!]: 'relays again' }))).toEqual([`reopened ${ids[0]} relays again`]);
    const all = Object.fromEntries(ids.map((id) => [id, true]));
    expect(step(verdict(all))).toEqual([...ids.map((id) => `passed ${id} ok`), 'complete']);
    expect(step(verdict(all))).toEqual([]);
  });

  it('restored work: the first report says what passes now; question steps never make wrong fixes', () => {
    const quiz = shippedLabs().find((l) => l.id === 'open-relay-test')!;
    const v = (pass: boolean, reason: string) => applyGradingRule(quiz.steps.map((s, i) => ({ stepId: s.id, title: s.title, pass: i === 0 && pass, reason, checks: [] })));
    const first = progressChanges(quiz, undefined, v(true, 'a'));
    expect(first.changes.map((c) => c.kind)).toEqual(['passed']);
    const wrong = progressChanges(quiz, first.reported, v(true, 'that is not what your session was answered'));
    expect(wrong.changes).toEqual([]);
  });
});
