/**
 * Question steps pass only on evidence of the learner's own actions, read
 * from what the simulation recorded (grader/evidence.ts), never from the typed
 * text; without it the step fails saying what is missing, in the learner's words.
 * Observation 3 of issue 9 first: the right answers with no commands passed.
 */
import { describe, expect, it } from 'vitest';
import { loadLab, loadLabs } from '../../../cli/lab-files.ts';
import { labSimulation, runAttempt, typeLines } from '../../../simulator/labs/attempt.ts';
import { labLeak, solutionAnswers } from '../../../simulator/labs/scenario.ts';
import { HALF_CLOSED_LEAKS } from '../../../simulator/mail/scenarios.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import { gradeLab, gradeStep } from '../../../simulator/grader/grade.ts';
import type { LabStep } from '../../../simulator/labs/schema.ts';

const relayLab = loadLab('open-relay-test');
const smtpLab = loadLab('speak-smtp');
const OLD_KEY = { manual: 'refused', battery: '1', verdict: 'yes' };
const BY_HAND = (from: string) => ['telnet mail.corp.example 25', 'EHLO me.example', `MAIL FROM:<${from}>`, 'RCPT TO:<victim@example.net>', 'QUIT'];

async function verdicts(lab = relayLab, lines: string[], answers: Record<string, string>, seed = 1) {
  const r = await runAttempt(lab, seed, lines, answers);
  return { by: Object.fromEntries(r.verdicts.map((v) => [v.stepId, v])), transcript: r.transcript };
}

describe('observation 3: the right answers without the work', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: the old key with no commands fails every question, saying what is missing', async (seed) => {
    const { by } = await verdicts(relayLab, [], OLD_KEY, seed);
    expect(by.manual).toMatchObject({ pass: false, reason: 'You have not tried to relay by hand from outside yet: `ssh outside`, then `telnet mail.corp.example 25`.' });
    expect(by.battery).toMatchObject({ pass: false, reason: 'You have not run the relay battery from outside yet: `ssh outside`, then `relaytest mail.corp.example`.' });
    expect(by.verdict!.pass).toBe(false);
    expect(by.verdict!.reason).toMatch(/^The verdict rests on both tests\. You have not tried to relay by hand from outside yet/);
  }, 30_000);

  it('tested from ops (inside mynetworks), saw 250 2.1.5 Ok, answered "accepted": told why, and to test from outside', async () => {
    const { by, transcript } = await verdicts(relayLab, BY_HAND('test@example.org'), { manual: 'accepted' });
    expect(transcript).toContain('250 2.1.5 Ok');
    expect(by.manual).toMatchObject({ pass: false, reason: 'ops is inside mynetworks; the server relays for it on purpose — test from outside: `ssh outside`.' });
  }, 30_000);

  it('relaytest from ops (16/16 on purpose) does not answer the battery question', async () => {
    const { by, transcript } = await verdicts(relayLab, ['relaytest mail.corp.example'], { battery: '16' });
    expect(transcript).toContain('Server is an open relay (16/16 tests)');
    expect(by.battery).toMatchObject({ pass: false, reason: 'ops is inside mynetworks; the server relays for it on purpose — test from outside: `ssh outside`.' });
  }, 30_000);
});

describe("the answer must match what the learner's own session was answered", () => {
  it('a wrong answer about a session from outside names that session, not the reply', async () => {
    const { by } = await verdicts(relayLab, ['ssh outside', ...BY_HAND('test@example.org')], { manual: 'accepted' });
    expect(by.manual).toMatchObject({ pass: false, reason: '"accepted" is not what the server answered your RCPT TO:<victim@example.net> from outside; look again.' });
  }, 30_000);

  it("a forged sender the server trusts is not the stranger's test the question is about", async () => {
    const forged = HALF_CLOSED_LEAKS[labLeak(relayLab, 6)!].forged; // seed 6: corp.example is trusted
    const { by, transcript } = await verdicts(relayLab, ['ssh outside', ...BY_HAND(forged)], { manual: 'accepted' }, 6);
    expect(transcript).toContain('250 2.1.5 Ok');
    expect(by.manual).toMatchObject({ pass: false, reason: `Your test from outside used the sender <${forged}>, an address of the company itself; the question is about a stranger's mail: \`MAIL FROM:<test@example.org>\`.` });
  }, 30_000);

  it('a session from outside that never asks for a foreign recipient is not a relay test', async () => {
    const lines = ['ssh outside', 'telnet mail.corp.example 25', 'EHLO me.example', 'MAIL FROM:<test@example.org>', 'RCPT TO:<bob@corp.example>', 'QUIT'];
    const { by } = await verdicts(relayLab, lines, { manual: 'refused' });
    expect(by.manual!.pass).toBe(false);
    expect(by.manual!.reason).toMatch(/^Your session from outside never got to RCPT TO for an address outside corp\.example/);
  }, 30_000);

  it('swaks from outside is a by-hand test too; relaytest on another port is not the battery', async () => {
    const lines = ['ssh outside', 'swaks --server mail.corp.example --from test@example.org --to victim@example.net --quit-after RCPT', 'relaytest mail.corp.example 587'];
    const { by } = await verdicts(relayLab, lines, { manual: 'refused', battery: '0' });
    expect(by.manual!.pass).toBe(true);
    expect(by.battery).toMatchObject({ pass: false, reason: 'Your relaytest from outside tested port 587; the question is about port 25, where mail servers relay: `relaytest mail.corp.example`.' });
  }, 30_000);

  it('SMTP commands typed at the shell prompt are text, not a session', async () => {
    const { by } = await verdicts(relayLab, ['ssh outside', 'MAIL FROM:<test@example.org>', 'RCPT TO:<victim@example.net>', 'echo refused'], { manual: 'refused' });
    expect(by.manual!.reason).toBe('You have not tried to relay by hand from outside yet: `ssh outside`, then `telnet mail.corp.example 25`.');
  }, 30_000);

  it("the grader's own probes from outside are not the learner's evidence", async () => {
    const sim = labSimulation(relayLab, 2);
    const session = createShell(sim, { write: () => {}, cols: 80, rows: 24 }, { startHost: relayLab.startHost });
    session.start();
    await typeLines(session, []);
    const probes = { id: 'probe', title: 'probe', text: 'x.mdx', requiresAction: true, hints: [], solution: [], checks: [{ kind: 'relay-battery', from: 'outside', expect: 'closed' }, { kind: 'mail-inbound', from: 'outside' }] } as LabStep;
    expect((await gradeStep(sim, probes)).checks.map((c) => c.pass)).toEqual([false, true]);
    const after = await gradeLab(sim, relayLab, solutionAnswers(relayLab, 2));
    expect(after.map((v) => v.pass)).toEqual([false, false, false]);
    expect(after[1]!.reason).toBe('You have not run the relay battery from outside yet: `ssh outside`, then `relaytest mail.corp.example`.');
  }, 30_000);
});

describe("speak-smtp: the Return-Path of the learner's own message", () => {
  const SEND = (to: string) => ['telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', `RCPT TO:<${to}>`, 'DATA', 'Subject: hi', '.', 'QUIT'];

  it("mail in bob's mailbox that someone else sent is not the learner's", async () => {
    const sim = labSimulation(smtpLab, 4);
    sim.mailServer.runSession({ client: { ip: '10.0.0.117' }, service: 'smtp', helo: 'ws17.corp.example', mailFrom: 'admin@corp.example', rcptTo: ['bob@corp.example'], message: { subject: 'not yours', size: 300 } });
    expect(sim.mailbox('bob')).toContain('Return-Path: <admin@corp.example>');
    const v = await gradeLab(sim, smtpLab, { read: 'admin@corp.example' });
    expect(v[1]).toMatchObject({ pass: false, reason: "bob's mailbox has no message from you yet — send the message first." });
  });

  it('a message sent to someone else does not answer for bob', async () => {
    const { by } = await verdicts(smtpLab, SEND('alice@corp.example'), { read: 'admin@corp.example' }, 4);
    expect(by.read).toMatchObject({ pass: false, reason: "None of the messages you sent reached bob's mailbox: send one to bob@corp.example first." });
  }, 30_000);
});

describe('every question step of every lab: the right answer without the actions fails, with a reason', () => {
  for (const { dir } of loadLabs()) {
    const lab = loadLab(dir);
    // Guided (staff) labs have no actions to take: their questions are about what the page shows (tests/unit/labs/guided-labs.test.ts).
    if (lab.mode === 'guided') continue;
    const questions = lab.steps.filter((s) => s.question);
    if (questions.length === 0) continue;
    it(`lab ${dir}`, async () => {
      const r = await runAttempt(lab, 7, [], solutionAnswers(lab, 7));
      for (const q of questions) {
        const v = r.verdicts.find((x) => x.stepId === q.id)!;
        expect(v.pass, `${dir}/${q.id}`).toBe(false);
        // Not "No answer given yet": the reason names the missing action.
        expect(v.reason).toMatch(/yet|first|from outside/);
        expect(v.reason).not.toBe('No answer given yet.');
      }
    }, 30_000);
  }
});
