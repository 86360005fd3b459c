/**
 * Lab 6 judged on what the network and the working day do: the known wrong
 * fixes fail with a reason naming what is wrong; an alternative correct fix passes.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { runAttempt } from '../../../simulator/labs/attempt.ts';
import { solutionLines } from '../../../simulator/labs/scenario.ts';

const lab = loadLab('shut-the-side-door');
const SEED = 3;
const step = (id: string) => lab.steps.find((s) => s.id === id)!.solution;
const SUBMISSION = step('submission');
const PROFILE = step('move-everyone')[0]!;
const LAN_UNTRUSTED = ['ssh mail', "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128'", 'postfix reload', 'exit'];

async function verdicts(lines: readonly string[]) {
  const r = await runAttempt(lab, SEED, lines);
  return Object.fromEntries(r.verdicts.map((v) => [v.stepId, v]));
}

describe('shut-the-side-door: wrong fixes fail, naming what is wrong', () => {
  it('blocking port 25 for everyone, the mail server included', async () => {
    const v = await verdicts(['ssh fw', 'iptables -A FORWARD -p tcp --dport 25 -j DROP', 'exit']);
    expect(v['block-25']!.pass).toBe(false);
    expect(v['block-25']!.reason).toMatch(/^mail can no longer reach mx\.example\.net:25; this traffic must keep flowing\.$/);
  }, 60_000);

  it('blocking the LAN side without the exception for the mail server first', async () => {
    const v = await verdicts(['ssh fw', 'iptables -A FORWARD -i eth1 -o eth0 -p tcp --dport 25 -j REJECT --reject-with tcp-reset', 'exit']);
    expect(v['block-25']!.reason).toMatch(/^mail can no longer reach mx\.example\.net:25/);
  }, 60_000);

  it('blocking 587 as well: road warriors can no longer send, and the day shows their lost mail', async () => {
    const v = await verdicts([...solutionLines(lab, SEED).slice(0, 9), 'ssh fw', 'iptables -I FORWARD 1 -p tcp --dport 587 -j DROP', 'exit', ...step('move-everyone')]);
    expect(v['block-25']!.pass).toBe(true);
    expect(v.submission!.pass).toBe(false);
    expect(v.submission!.reason).toMatch(/^Authenticated submission as alice on port 587 from outside: cannot connect to mail\.corp\.example:587: (timed out|connection timed out)/);
    expect(v['move-everyone']!.pass).toBe(false);
  }, 60_000);

  it('port 25 shut but the LAN still trusted: the bots relay through the company server', async () => {
    const v = await verdicts([...step('block-25'), ...SUBMISSION, PROFILE, 'advance 30m']);
    expect(v['move-everyone']!.reason).toMatch(/^mail\.corp\.example still relays for 10\.0\.0\.101/);
    expect(v['bots-quiet']!.reason).toMatch(/^Spam still left by the spambots, relayed by mail\.corp\.example: the last at \d\d:\d\d/);
  }, 60_000);

  it('the LAN untrusted before anybody was moved to 587: colleagues\' mail is refused', async () => {
    const v = await verdicts([...step('block-25'), ...SUBMISSION, ...LAN_UNTRUSTED, 'advance 30m']);
    expect(v['move-everyone']!.pass).toBe(false);
    expect(v['move-everyone']!.reason).toMatch(/^Legitimate mail from the office desks was lost at \d\d:\d\d \(\w+@corp\.example → \S+: 554 5\.7\.1 .*Relay access denied\)/);
  }, 60_000);
});

describe('shut-the-side-door: alternative correct fixes pass', () => {
  it('DROP instead of REJECT, rules inserted at the top, the profile edited after the LAN change', async () => {
    const v = await verdicts([
      'ssh fw',
      'iptables -I FORWARD 1 -s 10.0.0.25 -p tcp --dport 25 -j ACCEPT',
      'iptables -I FORWARD 2 -i eth1 -p tcp --dport 25 -j DROP',
      'exit',
      ...SUBMISSION,
      PROFILE,
      ...LAN_UNTRUSTED,
      'advance 30m',
      ...step('road-warrior'),
    ]);
    expect(Object.values(v).filter((x) => !x.pass).map((x) => `${x.stepId}: ${x.reason}`)).toEqual([]);
  }, 60_000);
});
