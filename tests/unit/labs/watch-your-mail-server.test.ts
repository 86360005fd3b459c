/**
 * Lab 4 judged on the week the seed made: the answers must match the seed's
 * incident and the learner must have looked where it shows; the thresholds are
 * judged by replaying the week's metrics against the file, never by the
 * numbers typed. Known wrong settings fail with their reason; other good
 * settings and other ways of writing the answers pass.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { runAttempt, type AttemptResult } from '../../../simulator/labs/attempt.ts';
import { incidentPlan } from '../../../simulator/labs/history.ts';
import { solutionAnswers, solutionLines } from '../../../simulator/labs/scenario.ts';
import { gradeStep } from '../../../simulator/grader/grade.ts';
import { hourStamp } from '../../../simulator/world/alerts.ts';

const lab = loadLab('watch-your-mail-server');
const RELAY = 2; // seeds whose incident is known (asserted below)
const BOTS = 1;
const CONF = '/etc/mailwatch.conf';
const step = (id: string) => lab.steps.find((s) => s.id === id)!;
const LOOKED = ['mailstats', 'ssh mail', 'tail -n 3 /var/log/mail.log', 'exit'];

const attempts = new Map<string, Promise<AttemptResult>>();
const attempt = (seed: number, lines: string[]) => {
  const key = `${seed}:${lines.join('\n')}`;
  if (!attempts.has(key)) attempts.set(key, runAttempt(lab, seed, lines));
  return attempts.get(key)!;
};

/** Grade one step of an attempt's final network, with this answer or this threshold file (written as nano would). */
async function verdict(seed: number, lines: string[], id: string, opts: { answer?: string; conf?: string } = {}) {
  const r = await attempt(seed, lines);
  if (opts.conf !== undefined) r.sim.machine('ops').fs.write(CONF, opts.conf);
  return gradeStep(r.sim, step(id), opts.answer === undefined ? {} : { [id]: opts.answer });
}

describe('watch-your-mail-server: the seed chooses the week', () => {
  it('the seeds used here give one relay week and one bots week, starting inside the history', () => {
    expect(incidentPlan(lab, RELAY)!.cause).toBe('relay');
    expect(incidentPlan(lab, BOTS)!.cause).toBe('bots');
    expect(incidentPlan(lab, BOTS)!.desks).toHaveLength(2);
  });

  it.each([3])('the solution passes every step (seed %i; lab-solutions replays 1 and 42)', async (seed) => {
    const r = await runAttempt(lab, seed, solutionLines(lab, seed), solutionAnswers(lab, seed));
    expect(r.verdicts.filter((v) => !v.pass).map((v) => `${v.stepId}: ${v.reason}`)).toEqual([]);
  }, 60_000);

  it('the simulation\'s incident is the plan the answer key reads', async () => {
    const r = await attempt(RELAY, LOOKED);
    const i = r.sim.world!.incidents[0]!;
    expect({ at: i.at, cause: i.cause }).toEqual({ at: incidentPlan(lab, RELAY)!.at, cause: 'relay' });
    expect(i.hosts.map((h) => h.interfaces[0]!.ip)).toEqual(['198.51.100.66']);
  }, 60_000);
});

describe('watch-your-mail-server: question steps need the looking and the right answer', () => {
  it('answered right without looking, each question step fails saying where to look', async () => {
    const key = solutionAnswers(lab, RELAY);
    for (const id of ['when', 'what']) expect((await verdict(RELAY, [], id, { answer: key[id] })).reason, id).toMatch(/^Look at the traffic first: `mailstats` on ops/);
    expect((await verdict(RELAY, ['mailstats'], 'where', { answer: key['where'] })).reason).toMatch(/^Read the mail server's log first: it knows who hands it the spam — on mail, \/var\/log\/mail\.log/);
    expect((await verdict(BOTS, [], 'where', { answer: solutionAnswers(lab, BOTS)['where'] })).reason).toMatch(/^Look at what the firewall saw first: it sees connections that bypass the mail server/);
  }, 60_000);

  it('another seed\'s answers fail: the hour, the cause and the source differ', async () => {
    const other = solutionAnswers(lab, BOTS);
    for (const id of ['when', 'what', 'where']) expect((await verdict(RELAY, LOOKED, id, { answer: other[id] })).pass, id).toBe(false);
  }, 60_000);

  it('an hour three hours off fails; one hour off and other spellings pass', async () => {
    const at = Math.floor(incidentPlan(lab, RELAY)!.at / 3_600_000) * 3_600_000;
    expect((await verdict(RELAY, LOOKED, 'when', { answer: hourStamp(at + 3 * 3_600_000) })).reason).toMatch(/is not when the spam started; look again\.$/);
    expect((await verdict(RELAY, LOOKED, 'when', { answer: 'last week' })).reason).toMatch(/does not name a day and an hour/);
    const day = new Date(at).toUTCString().slice(0, 3); // e.g. "Sat"
    const hh = String(new Date(at).getUTCHours()).padStart(2, '0');
    for (const a of [hourStamp(at + 3_600_000), `${day} ${hh}:00`, `${hourStamp(at).slice(5, 10)} ${hh}h`]) {
      expect((await verdict(RELAY, LOOKED, 'when', { answer: a })).pass, a).toBe(true);
    }
  }, 60_000);

  it('the source may be the address or the name the log gives; desks in any order', async () => {
    for (const a of ['198.51.100.66', '198-51-100-66.dyn.example.org']) expect((await verdict(RELAY, LOOKED, 'where', { answer: a })).pass, a).toBe(true);
    expect((await verdict(RELAY, LOOKED, 'where', { answer: '198.51.100.7' })).pass).toBe(false);
    const desks = incidentPlan(lab, BOTS)!.desks;
    expect((await verdict(BOTS, ['mailstats'], 'where', { answer: [...desks].reverse().join(', ') })).pass).toBe(true);
    expect((await verdict(BOTS, ['mailstats'], 'where', { answer: desks[0]! })).reason).toMatch(/missing/);
  }, 60_000);
});

describe('watch-your-mail-server: thresholds are judged by replaying the week', () => {
  const conf = (lines: string) => `# mailwatch\n${lines}\n`;

  it('doing nothing: every threshold off, the spam went unnoticed', async () => {
    const v = await verdict(RELAY, [], 'thresholds');
    expect(v.reason).toBe(`Every threshold in ${CONF} is off: no alert would have fired all week, and the spam that started ${hourStamp(incidentPlan(lab, RELAY)!.at)} went unnoticed.`);
  }, 60_000);

  it('too low: false alarms on the quiet days, named with the first one', async () => {
    const v = await verdict(RELAY, [], 'thresholds', { conf: conf('outgoing_per_hour = 5') });
    expect(v.pass).toBe(false);
    expect(v.reason).toMatch(/^Your thresholds would have raised \d+ alerts before the spam started \(first: 2026-03-0\d \d\d:00  ALERT outgoing_per_hour \d+ > 5; from outgoing_per_hour\): an alarm that rings on normal days gets ignored/);
  }, 60_000);

  it('too high: quiet all week, the spam included', async () => {
    const v = await verdict(RELAY, [], 'thresholds', { conf: conf('outgoing_per_hour = 500\nqueue_length = 1000') });
    expect(v.reason).toMatch(/^Your thresholds stay quiet on normal days, but the spam started .* and none of them fired at all: which number changed when it started\?$/);
  }, 60_000);

  it('a bots week watched only through the server\'s own numbers is never caught', async () => {
    const v = await verdict(BOTS, [], 'thresholds', { conf: conf('outgoing_per_hour = 40\nrejects_per_hour = 30') });
    expect(v.pass).toBe(false);
    expect(v.reason).toMatch(/none of them fired at all/);
  }, 60_000);

  it('messages_per_hour cannot tell spam from a busy morning: quiet enough misses it, low enough rings daily', async () => {
    const high = await verdict(RELAY, [], 'thresholds', { conf: conf('messages_per_hour = 100') });
    expect(high.pass).toBe(false);
    const low = await verdict(RELAY, [], 'thresholds', { conf: conf('messages_per_hour = 30') });
    expect(low.reason).toMatch(/before the spam started/);
  }, 60_000);

  it('a file mailwatch cannot read fails with its line', async () => {
    const v = await verdict(RELAY, [], 'thresholds', { conf: conf('outgoing_per_houre = 40') });
    expect(v.reason).toBe(`${CONF} line 2: unknown threshold "outgoing_per_houre" (known: messages_per_hour, outgoing_per_hour, queue_length, rejects_per_hour, outbound25_per_desk): mailwatch cannot read it.`);
  }, 60_000);

  it('other good settings pass: only outgoing for the relay week, a small desk allowance for the bots week', async () => {
    expect((await verdict(RELAY, [], 'thresholds', { conf: conf('outgoing_per_hour = 35') })).reason).toMatch(/^Quiet all week before the spam, then .* ALERT outgoing_per_hour/);
    expect((await verdict(BOTS, [], 'thresholds', { conf: conf('outbound25_per_desk = 10') })).reason).toMatch(/^Quiet all week before the spam, then .* ALERT outbound25_per_desk\[ws\d\d\]/);
  }, 60_000);
});
