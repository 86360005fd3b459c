/**
 * Issue 13, gap of the first build: a real client of `relaylab serve` is the learner acting
 * through a real tool, so its sessions answer a lab's questions the way the same session typed
 * in the lab from `outside` does. Real swaks from this machine is the by-hand relay test; real
 * nmap's smtp-open-relay is the battery; and the verdict rests on both. Graded in-process on
 * the served simulation, with the numbers the real tools printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { gradeStep } from '../../../simulator/grader/grade.ts';
import { nmapRelay, relayVerdict, serve, swaks, type TestServe } from './serve-helpers.ts';

const lab = loadLab('open-relay-test');
const step = (id: string) => lab.steps.find((s) => s.id === id)!;

describe("a real client's sessions are the learner's evidence", () => {
  let s: TestServe;
  beforeAll(async () => {
    s = await serve(['--lab', 'open-relay-test', '--seed', '1']);
  });
  afterAll(() => s?.close());

  it('swaks answers the by-hand question, nmap the battery question, both the verdict', async () => {
    const none = await gradeStep(s.sim, step('manual'), { manual: 'refused' });
    expect(none.pass).toBe(false);

    const manual = await swaks(s.port, ['-f', 'test@example.org', '-t', 'victim@example.net', '--quit-after', 'RCPT']);
    expect(manual.out).toContain('<** 554 5.7.1 <victim@example.net>: Relay access denied');
    const byHand = await gradeStep(s.sim, step('manual'), { manual: 'refused' });
    expect(byHand).toMatchObject({ pass: true });
    expect(byHand.reason).toContain('from outside got "554 5.7.1 <victim@example.net>: Relay access denied"');
    // A swaks session is not a battery.
    expect((await gradeStep(s.sim, step('battery'), { battery: '0' })).pass).toBe(false);

    const verdict = relayVerdict(await nmapRelay(s.port));
    const n = /\((\d+)\/16 tests\)/.exec(verdict ?? '')?.[1] ?? (verdict?.includes('all tests failed') ? '0' : undefined);
    expect(n, `nmap said: ${verdict}`).toBeDefined();
    const battery = await gradeStep(s.sim, step('battery'), { battery: n! });
    expect(battery).toMatchObject({ pass: true });
    expect(battery.reason).toContain(`your relaytest from outside: ${n} of 16 accepted`);
    expect((await gradeStep(s.sim, step('battery'), { battery: String(Number(n) + 1) })).pass).toBe(false);
    // The by-hand answer still comes from swaks, not from the battery's many RCPTs.
    expect((await gradeStep(s.sim, step('manual'), { manual: 'refused' })).pass).toBe(true);
    expect((await gradeStep(s.sim, step('verdict'), { verdict: n === '0' ? 'no' : 'yes' })).pass).toBe(true);
  }, 60_000);
});
