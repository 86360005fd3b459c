/**
 * Every lab's solution, replayed through the same engine as `relaylab check`,
 * passes; doing nothing and answering nothing passes no step that needs
 * action. Nothing is skipped: a lab whose solution types a command the shell
 * lacks (or one that does not exist on the host it is typed on) is invalid,
 * and its tests fail saying so.
 */
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../../../cli/lab-files.ts';
import { formatLabError } from '../../../simulator/labs/friendly-errors.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import { solutionAnswers, solutionLines } from '../../../simulator/labs/scenario.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';

const SEEDS = [1, 42];

describe.each(loadLabs())('lab $dir', ({ dir, lab: valid, errors }) => {
  const lab = (): Lab => {
    if (!valid) throw new Error(`labs/${dir} is invalid, so its solution cannot be replayed:\n${errors.map(formatLabError).join('\n')}`);
    return valid;
  };

  it('is valid: every solution command exists on the host where it is typed', () => {
    expect(errors.map(formatLabError)).toEqual([]);
  });

  it.each(SEEDS)('its solution passes every step (seed %i)', async (seed) => {
    const r = await runAttempt(lab(), seed, solutionLines(lab(), seed), solutionAnswers(lab(), seed));
    expect(r.verdicts.filter((v) => !v.pass).map((v) => `${v.stepId}: ${v.reason}`)).toEqual([]);
  }, 60_000);

  it('doing nothing and answering nothing passes no step that needs action, and says why', async () => {
    const r = await runAttempt(lab(), 7, [], {});
    const needing = lab().steps.filter((s) => s.requiresAction);
    // A lab that doing nothing completes teaches nothing (and would make this test vacuous).
    expect(needing.length).toBeGreaterThan(0);
    const verdict = (id: string) => r.verdicts.find((v) => v.stepId === id)!;
    expect(needing.filter((s) => verdict(s.id).pass).map((s) => s.id)).toEqual([]);
    for (const step of needing) {
      const { reason } = verdict(step.id);
      // A question step left unanswered says so; any other step says what is still missing in the network.
      if (step.question) expect(reason, step.id).toMatch(/no answer/i);
      else expect(reason, step.id).not.toMatch(/no answer|could not run/i);
      expect(reason, step.id).toMatch(/\S.*[.!?)]$/);
    }
  }, 60_000);
});
