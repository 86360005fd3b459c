/**
 * Lab 5 judged on what the learner looked at and what the seed infected:
 * the right desks pass only after the trail and the desks were looked at;
 * a clean desk named, one missed, a guess, another seed's answer all fail
 * with a reason in the learner's words; another way of looking passes.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import { infectedAtStart, solutionAnswers, solutionLines } from '../../../simulator/labs/scenario.ts';

const lab = loadLab('follow-the-trail');
const TRAIL = ['ssh fw', "grep OUT-SMTP /var/log/firewall.log | grep -o 'SRC=[0-9.]*' | sort | uniq -c", 'exit'];
const look = (hosts: string[], cmd = 'ps aux') => hosts.flatMap((h) => [`ssh ${h}`, cmd, 'exit']);
const clean = (seed: number) => ['ws01', 'ws02', 'ws03', 'ws04', 'ws05', 'ws06'].filter((h) => !infectedAtStart(lab, seed).includes(h));

async function infectedVerdict(seed: number, lines: string[], answer: string) {
  const r = await runAttempt(lab, seed, lines, { infected: answer });
  return r.verdicts.find((v) => v.stepId === 'infected')!;
}

describe('follow-the-trail: the infected set comes from the seed', () => {
  it.each([3, 8, 2026])('the solution passes every step (seed %i)', async (seed) => {
    const r = await runAttempt(lab, seed, solutionLines(lab, seed), solutionAnswers(lab, seed));
    expect(r.verdicts.filter((v) => !v.pass).map((v) => `${v.stepId}: ${v.reason}`)).toEqual([]);
  }, 60_000);

  it('seeds infect different desks, and one seed\'s answer fails another', async () => {
    const a = infectedAtStart(lab, 3);
    const b = infectedAtStart(lab, 8);
    expect(a).toHaveLength(3);
    expect(a).not.toEqual(b);
    const v = await infectedVerdict(8, [...TRAIL, ...look([...new Set([...a, ...b])])], a.join(' '));
    expect(v.pass).toBe(false);
    expect(v.reason).toMatch(/clean|missing/);
  }, 60_000);
});

describe('follow-the-trail: wrong answers fail, saying what is wrong', () => {
  const seed = 3;
  const infected = infectedAtStart(lab, seed);

  it('a clean desk named (and looked at) fails: it is clean', async () => {
    const extra = clean(seed)[0]!;
    const v = await infectedVerdict(seed, [...TRAIL, ...look([...infected, extra])], [...infected, extra].join(' '));
    expect(v.pass).toBe(false);
    expect(v.reason).toBe(`${extra} is clean: nothing there opens connections to port 25 on the Internet — naming a clean desk sends a colleague's machine to be wiped for nothing.`);
  }, 60_000);

  it('one infected desk missed fails: one is missing', async () => {
    const v = await infectedVerdict(seed, [...TRAIL, ...look(infected)], infected.slice(1).join(' '));
    expect(v.pass).toBe(false);
    expect(v.reason).toMatch(/^One infected desk is missing from your answer/);
  }, 60_000);

  it('the mail server named as a desk fails: it is not a workstation', async () => {
    const v = await infectedVerdict(seed, [...TRAIL, ...look(infected)], [...infected, 'mail'].join(' '));
    expect(v.reason).toMatch(/^mail is not a workstation/);
  }, 60_000);

  it('the right desks named without looking at them fail: look first', async () => {
    const v = await infectedVerdict(seed, TRAIL, infected.join(' '));
    expect(v.pass).toBe(false);
    expect(v.reason).toMatch(new RegExp(`^You named ${infected.join(', ')} without looking at them: \`ssh ${infected[0]}\``));
  }, 60_000);

  it('the right desks, looked at, but without the trail fail: follow the trail first', async () => {
    const v = await infectedVerdict(seed, look(infected), infected.join(' '));
    expect(v.pass).toBe(false);
    expect(v.reason).toMatch(/^Follow the trail first: on fw, \/var\/log\/firewall\.log/);
  }, 60_000);

  it('the complaint answered without reading postmaster\'s mail, or with the wrong address, fails', async () => {
    const unread = await runAttempt(lab, seed, [], { complaint: '203.0.113.10' });
    expect(unread.verdicts[0]!.reason).toMatch(/^Read the complaint first/);
    const wrong = await runAttempt(lab, seed, ['mail'], { complaint: '203.0.113.25' });
    expect(wrong.verdicts[0]!.pass).toBe(false);
    expect(wrong.verdicts[0]!.reason).toMatch(/is not the address the complaint is about/);
  }, 60_000);

  it('"not an open relay" answered without testing from outside fails, saying which test is missing', async () => {
    const none = await runAttempt(lab, seed, [], { 'not-the-relay': 'no' });
    expect(none.verdicts[1]!.pass).toBe(false);
    const inside = await runAttempt(lab, seed, ['relaytest mail.corp.example'], { 'not-the-relay': 'no' });
    expect(inside.verdicts[1]!.pass).toBe(false);
    expect(inside.verdicts[1]!.reason).toMatch(/^The verdict rests on both tests\. You have not tried to relay by hand from outside yet/);
  }, 60_000);
});

describe('follow-the-trail: other ways of looking pass', () => {
  it('mailstats\' outbound table instead of the firewall log, and crontab/systemctl instead of ps', async () => {
    const seed = 8;
    const infected = infectedAtStart(lab, seed);
    const lines = ['mailstats', ...infected.flatMap((h, i) => [`ssh ${h}`, i % 2 ? 'systemctl' : 'crontab -l', 'exit'])];
    const v = await infectedVerdict(seed, lines, infected.map((h) => `${h}.corp.example`).join(', '));
    expect(v.reason).toBe(`Right: ${infected.join(', ')}.`);
  }, 60_000);
});
