/**
 * Every lab's solution, replayed through the same engine as `relaylab check`,
 * passes; doing nothing fails every step that needs action. Labs whose
 * commands are not in the shell yet are reported as skipped, naming what is missing.
 */
import { describe, expect, it } from 'vitest';
import { loadLab, loadLabs } from '../../../cli/lab-files.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import { solutionAnswers, solutionLines } from '../../../simulator/labs/scenario.ts';
import { missingCommands } from './lab-readiness.ts';

const SEEDS = [1, 42];

describe.each(loadLabs().map((l) => l.dir))('lab %s', (id) => {
  const lab = loadLab(id);
  const missing = missingCommands(lab);
  const ready = missing.length === 0;

  it.skipIf(!ready).each(SEEDS)(`its solution passes every step (seed %i)${ready ? '' : ` — needs ${missing.join(', ')}`}`, async (seed) => {
    const r = await runAttempt(lab, seed, solutionLines(lab, seed), solutionAnswers(lab, seed));
    expect(r.verdicts.filter((v) => !v.pass).map((v) => `${v.stepId}: ${v.reason}`)).toEqual([]);
  }, 60_000);

  it('an empty command list fails every step that needs action', async () => {
    const r = await runAttempt(lab, 7, []);
    const needing = lab.steps.filter((s) => s.requiresAction).map((s) => s.id);
    expect(r.verdicts.filter((v) => needing.includes(v.stepId) && v.pass).map((v) => v.stepId)).toEqual([]);
  }, 60_000);
});
