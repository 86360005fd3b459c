/**
 * Which reason a step shows: the first failure while failing (what to fix
 * next), the network's evidence (first probe) once passing — lab 3's first
 * step says the battery refused all 16 tests, not only that mynetworks is fine.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import { stepReason } from '../../../simulator/grader/grade.ts';

const ok = (reason: string) => ({ pass: true, reason });
const no = (reason: string) => ({ pass: false, reason });

describe('stepReason', () => {
  it('failing: the first failure in the author\'s order', () => {
    expect(stepReason([ok('a'), no('b'), no('c')], [true, false, true])).toBe('b');
  });
  it('passing: the first probe, else the first check', () => {
    expect(stepReason([ok('config fine'), ok('battery refused')], [false, true])).toBe('battery refused');
    expect(stepReason([ok('one'), ok('two')], [false, false])).toBe('one');
    expect(stepReason([], [])).toBe('nothing to check');
  });
});

it('lab 3 solved: step 1 names the relay battery, not the config check', async () => {
  const lab = loadLab('close-the-relay');
  const solution = lab.steps.flatMap((s) => s.solution);
  const r = await runAttempt(lab, 11, solution);
  const close = r.verdicts.find((v) => v.stepId === 'close')!;
  expect(close.pass).toBe(true);
  expect(close.reason).toMatch(/^mail\.corp\.example refused all 16 relay tests from outside/);
}, 60_000);
