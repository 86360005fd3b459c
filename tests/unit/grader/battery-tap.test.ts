/**
 * The lab page's map shows, after a restore, the relay battery the first grading ran
 * (GradeOptions.onBattery) instead of running its own: the grader must hand over every
 * battery it runs, with the raw result its verdict came from, and hearing them must not
 * change a verdict.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { labSimulation } from '../../../simulator/labs/attempt.ts';
import { gradeProgress } from '../../../simulator/grader/lab-progress.ts';
import { runBattery, type RelayBatteryResult } from '../../../simulator/grader/checks/relay-battery.ts';
import { MAIL_HOST } from '../../../simulator/net/corp-hosts.ts';

const lab = loadLab('close-the-relay');

describe('grading tells of the relay batteries it runs', () => {
  it('each battery of lab 3, from outside to the mail server, with the result the verdict read', async () => {
    const sim = labSimulation(lab, 5);
    const heard: Array<{ run: { from: string; target: string; port: number }; result: RelayBatteryResult }> = [];
    const tapped = await gradeProgress(sim, lab, {}, [], { onBattery: (run, result) => heard.push({ run, result }) });
    // Lab 3 runs the battery in its first two steps (close, keep-mail).
    expect(heard.map((h) => h.run)).toEqual([
      { from: 'outside', target: MAIL_HOST, port: 25 },
      { from: 'outside', target: MAIL_HOST, port: 25 },
    ]);
    // The seed's relay is open: what the map would mark, and what the step's reason names.
    const first = heard[0]!.result;
    expect(first.reached && first.accepted.length).toBeGreaterThan(0);
    expect(first).toEqual(await runBattery(sim, 'outside', MAIL_HOST, 25));
    const plain = await gradeProgress(sim, lab);
    expect(tapped.steps.map((s) => [s.stepId, s.pass, s.reason])).toEqual(plain.steps.map((s) => [s.stepId, s.pass, s.reason]));
  }, 60_000);
});
