/**
 * Lab 8, the drill: several causes at once. Fixing one door is not enough and
 * the step lines say which door is still open; collateral damage (postsuper -d
 * ALL, colleagues refused) fails its step and costs points; the score is data
 * (grader/score.ts) that `relaylab check` and the page print alike.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { labSimulation, runAttempt } from '../../../simulator/labs/attempt.ts';
import { solutionLines, stepLines } from '../../../simulator/labs/scenario.ts';
import { formatScore, scoreAttempt } from '../../../simulator/grader/score.ts';
import { BOT_ROLE } from '../../../simulator/world/bot-host.ts';

const lab = loadLab('incident-drill');
const lines = (id: string, seed: number) => stepLines(lab, lab.steps.find((s) => s.id === id)!, seed);

async function attempt(seed: number, typed: readonly string[], hints = 0) {
  const r = await runAttempt(lab, seed, typed);
  return { v: Object.fromEntries(r.verdicts.map((x) => [x.stepId, x])), score: scoreAttempt(r.sim, lab, r.verdicts, hints)! };
}

describe('incident-drill: the score', () => {
  it('the trainer\'s solution scores every step, loses no mail, and hints cost points', async () => {
    const { v, score } = await attempt(9, solutionLines(lab, 9), 3);
    expect(Object.values(v).every((x) => x.pass)).toBe(true);
    expect(score.max).toBe(600);
    expect(score.lines.map((l) => [l.label, l.points])).toEqual([['Steps done', 600], ['Legitimate mail lost', 0], ['Hints used', -45], ['Time', 0]]);
    expect(score.total).toBe(555);
    expect(formatScore(score).at(-1)).toBe('Score                   555  of 600');
  }, 60_000);

  it('doing nothing scores nothing', async () => {
    const { score } = await attempt(9, ['advance 10m']);
    expect(score.lines[0]!.points).toBe(0);
    expect(score.total).toBe(0);
  }, 60_000);
});

describe('incident-drill: partial and wrong fixes fail with the door still open', () => {
  it('closing only the relay: the bots still go out on 25 and the stolen account still logs in', async () => {
    const { v } = await attempt(9, [...lines('relay', 9), 'advance 30m']);
    expect(v.relay!.pass).toBe(true);
    expect(v['side-door']!.reason).toMatch(/can still open TCP\/25 to mx\.example\.net/);
    expect(v.quiet!.reason).toMatch(/^Spam still left by (the spambots, straight to the Internet on TCP\/25|a stolen account, logging in on port 587 from the Internet)/);
  }, 60_000);

  it('everything but the stolen account: its spam keeps leaving on 587', async () => {
    const seed = 9;
    const noThief = lines('accounts', seed).filter((l) => !l.includes('1001'));
    const { v } = await attempt(seed, [...lines('relay', seed), ...lines('side-door', seed), ...lines('zombies', seed), ...noThief, ...lines('queue', seed), 'advance 2h']);
    expect(v.accounts!.reason).toMatch(/^\w+'s mail password is still the one spammers use from the Internet on port 587/);
    expect(v.quiet!.reason).toMatch(/^Spam still left by a stolen account, logging in on port 587 from the Internet/);
  }, 60_000);

  it('the LAN untrusted before the colleagues were moved to 587: their mail is lost, and it costs points', async () => {
    const seed = 9;
    const [profile, ...lanUntrusted] = lines('relay', seed);
    const rest = solutionLines(lab, seed).slice(lines('relay', seed).length);
    const { v, score } = await attempt(seed, [...lanUntrusted, 'advance 30m', profile!, ...rest]);
    expect(v.quiet!.pass).toBe(true);
    const lost = score.lines.find((l) => l.label === 'Legitimate mail lost')!;
    expect(lost.points).toBeLessThan(0);
  }, 60_000);

  it("postsuper -d ALL: colleagues' mail deleted, the queue step fails and the score counts it", async () => {
    const seed = 9;
    const flush = ['ssh mail', 'postsuper -d ALL', 'exit'];
    const typed = solutionLines(lab, seed).flatMap((l) => (l.includes('postsuper -d -') ? ['exit', ...flush, 'ssh mail'] : [l]));
    const { v, score } = await attempt(seed, typed);
    expect(v.queue!.reason).toMatch(/^You deleted legitimate mail: 2 messages/);
    expect(score.lines.find((l) => l.label === 'Legitimate mail lost')!.points).toBeLessThanOrEqual(-20);
  }, 60_000);
});

describe('incident-drill: an alternative correct fix passes', () => {
  it('desks cleaned by hand instead of reimaged: the same steps, in less simulated time', async () => {
    const seed = 9;
    const sim = labSimulation(lab, seed);
    const byHand = sim.world!.bots.flatMap((b) => {
      const pid = sim.machine(b.host.name).procs.processes.find((p) => p.role === BOT_ROLE)!.pid;
      const p = b.profile;
      return [`ssh root@${b.host.short}`, ...(p.persistence === 'cron' ? [`crontab -r -u ${p.user}`, `kill ${pid}`] : [`systemctl stop ${p.unit}`, `systemctl disable ${p.unit}`]), 'exit'];
    });
    const { v, score } = await attempt(seed, [...lines('relay', seed), ...lines('side-door', seed), ...byHand, ...lines('accounts', seed), ...lines('queue', seed), 'advance 35m']);
    expect(Object.values(v).filter((x) => !x.pass).map((x) => `${x.stepId}: ${x.reason}`)).toEqual([]);
    expect(score.total).toBe(600);
  }, 60_000);
});
