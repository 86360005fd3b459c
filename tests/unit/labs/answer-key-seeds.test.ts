/**
 * Facts that differ between seeds make the answer key differ: the half-closed
 * server leaks through a form its seed chooses, and the trainer's key
 * (`relaylab labs show ID --solution --seed N`) is that seed's key — replayed
 * through the attempt engine of `relaylab check --seed N` it passes; the key
 * of another seed fails where the facts differ.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { showText } from '../../../cli/labs.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import { labLeak } from '../../../simulator/labs/scenario.ts';
import { Simulation } from '../../../simulator/simulation.ts';
import { relayProbe } from '../../../simulator/mail/relay-probe.ts';
import { HALF_CLOSED_LEAKS, HALF_CLOSED_LEAK_NAMES, halfClosedLeak } from '../../../simulator/mail/scenarios.ts';

const lab = loadLab('open-relay-test');

/** What a trainer takes from the printed key: the `$ ` lines for stdin, one `--answer STEP=TEXT` per `answer:` line. */
function readKey(text: string): { lines: string[]; answers: Record<string, string> } {
  const lines: string[] = [];
  const answers: Record<string, string> = {};
  let step = '';
  for (const l of text.split('\n')) {
    const head = /^\d+\. .*\[([a-z0-9-]+)\]$/.exec(l);
    if (head) step = head[1]!;
    const cmd = /^ *\$ (.*)$/.exec(l);
    if (cmd) lines.push(cmd[1]!);
    const ans = /^ {3}answer: (.*)$/.exec(l);
    if (ans) answers[step] = ans[1]!;
  }
  return { lines, answers };
}

const relayFromOutside = (s: Simulation, from: string) =>
  s.mailServer.runSession({ client: { ip: '192.0.2.50' }, service: 'smtp', helo: 'outside.example.org', mailFrom: from, rcptTo: ['victim@example.net'], message: { subject: 's', size: 10 } }).accepted.length > 0;

describe('the half-closed server leaks through a form the seed chooses', () => {
  it.each(HALF_CLOSED_LEAK_NAMES)('%s: the battery from outside finds exactly its tests; its forged sender relays, a stranger does not', async (leak) => {
    const s = new Simulation({ seed: 3, mailScenario: 'half-closed', halfClosedLeak: leak });
    const r = await relayProbe(s, 'outside.example.org', 'mail.corp.example');
    expect(r.state === 'open' && r.passed.map((t) => t.n)).toEqual(HALF_CLOSED_LEAKS[leak].battery);
    expect(relayFromOutside(s, HALF_CLOSED_LEAKS[leak].forged)).toBe(true);
    // The lab's texts hold for every leak: the by-hand test is refused, the battery gets through.
    expect(relayFromOutside(s, 'test@example.org')).toBe(false);
    expect(HALF_CLOSED_LEAKS[leak].battery.length).toBeGreaterThan(0);
  });

  it('the forged sender that works differs: one leak’s sender is refused by another', () => {
    const s = new Simulation({ seed: 3, mailScenario: 'half-closed', halfClosedLeak: 'server-name' });
    expect(relayFromOutside(s, HALF_CLOSED_LEAKS['company-domain'].forged)).toBe(false);
    expect(relayFromOutside(s, HALF_CLOSED_LEAKS['address-literal'].forged)).toBe(false);
  });

  it('seeds choose different leaks, the same seed always the same', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i);
    expect(new Set(seeds.map(halfClosedLeak))).toEqual(new Set(HALF_CLOSED_LEAK_NAMES));
    expect(halfClosedLeak(17)).toBe(halfClosedLeak(17));
    const s = new Simulation({ seed: 5, mailScenario: 'half-closed', halfClosedLeak: labLeak(lab, 5) });
    expect(s.machine('mail').fs.read('/etc/postfix/sender_access')).toBe(HALF_CLOSED_LEAKS[halfClosedLeak(5)].senderAccess);
  });
});

describe("the trainer's key follows the seed", () => {
  it.each([1, 2, 3, 4, 5])('seed %i: the printed key, replayed as relaylab check --seed N takes it, passes every step', async (seed) => {
    const key = readKey(showText(lab, { solution: true, seed }));
    expect(Object.keys(key.answers)).toEqual(['manual', 'battery', 'verdict']);
    const r = await runAttempt(lab, seed, key.lines, key.answers);
    expect(r.verdicts.filter((v) => !v.pass).map((v) => `${v.stepId}: ${v.reason}`)).toEqual([]);
  }, 30_000);

  it('the key of seed 1 fails seed 2, at the fact that differs (the battery count)', async () => {
    const one = readKey(showText(lab, { solution: true, seed: 1 }));
    const two = readKey(showText(lab, { solution: true, seed: 2 }));
    expect(one.answers.battery).not.toBe(two.answers.battery);
    const r = await runAttempt(lab, 2, one.lines, one.answers);
    const by = Object.fromEntries(r.verdicts.map((v) => [v.stepId, v]));
    expect(by.battery).toMatchObject({ pass: false, reason: `"${one.answers.battery}" is not the number of tests your relaytest from outside found accepted; look again.` });
    expect([by.manual!.pass, by.verdict!.pass]).toEqual([true, true]);
  }, 30_000);

  it('without --seed, a seed-dependent answer says how to get it', () => {
    const text = showText(lab, { solution: true });
    expect(text).toContain('   answer: depends on the seed (relaylab labs show open-relay-test --solution --seed N)');
    expect(text).toContain('   answer: refused');
    expect(readKey(showText(loadLab('speak-smtp'), { solution: true, seed: 9 })).answers).toEqual({ read: 'admin@corp.example' });
  });
});
