/**
 * Guided (staff) labs: knowledge checks and exercises without a terminal.
 * Every wrong choice fails with its own explanation, the right one passes
 * with why it is right, and what the exhibits show is the simulation's own
 * state — the non-delivery notice in Postfix's real DSN form, the bot's task
 * on the desk, the ISP's sample naming that desk — so the answer key and the
 * page can never disagree.
 */
import { describe, expect, it } from 'vitest';
import { loadLab, loadLabs } from '../../../cli/lab-files.ts';
import { labSimulation, runAttempt } from '../../../simulator/labs/attempt.ts';
import { solutionAnswers } from '../../../simulator/labs/scenario.ts';
import { gradeLab } from '../../../simulator/grader/grade.ts';
import { applyGradingRule } from '../../../simulator/grader/lab-progress.ts';
import { exhibitChoices, exhibitOf, type ComplaintExhibit, type InboxExhibit } from '../../../simulator/guided/exhibits.ts';
import { validateLab } from '../../../simulator/labs/validate.ts';
import { formatLabError } from '../../../simulator/labs/friendly-errors.ts';
import type { Lab, LabStep } from '../../../simulator/labs/schema.ts';
import { BOUNCE_RECIPIENT } from '../../../simulator/labs/bounce-seed.ts';

const guided = loadLabs()
  .map((l) => l.lab!)
  .filter((l) => l?.mode === 'guided');
const choiceOf = (s: LabStep) => s.checks.find((c) => c.kind === 'choice') as { correct: string; because: string; why: Record<string, string> } | undefined;

describe('the staff labs are guided', () => {
  it('there are staff labs, all of them guided, none with a line to type', () => {
    expect(guided.map((l) => l.id).sort()).toEqual(['staff-bounce', 'staff-report-it', 'staff-your-desk']);
    for (const l of guided) {
      expect(l.audience).toBe('staff');
      expect(l.steps.flatMap((s) => s.solution)).toEqual([]);
      expect(l.steps.every((s) => s.question)).toBe(true);
    }
  });
});

describe.each(guided.map((l) => [l.id, l] as const))('%s: every wrong choice says why, the right one passes', (_id, lab: Lab) => {
  it('each wrong choice fails with its explanation; the key passes with its reason', async () => {
    const key = solutionAnswers(lab, 3);
    const right = await runAttempt(lab, 3, [], key);
    expect(right.progress.complete).toBe(true);
    for (const step of lab.steps) {
      const c = choiceOf(step);
      if (!c) continue;
      expect(right.verdicts.find((v) => v.stepId === step.id)!.reason).toBe(`Right. ${c.because}`);
      const sim = labSimulation(lab, 3);
      for (const wrong of step.question!.choices!.filter((x) => x !== c.correct)) {
        const v = (await gradeLab(sim, { ...lab, steps: [step] }, { [step.id]: wrong }))[0]!;
        expect(v).toMatchObject({ pass: false, reason: `Not quite. ${c.why[wrong]}` });
      }
    }
  }, 30_000);

  it('graded by the one rule: a score SCORM can report, and a wrong answer after a right one re-opens the step', async () => {
    const key = solutionAnswers(lab, 4);
    const sim = labSimulation(lab, 4);
    const first = applyGradingRule(await gradeLab(sim, lab, key));
    expect(first).toMatchObject({ passed: lab.steps.length, total: lab.steps.length, complete: true });
    const step = lab.steps.find((s) => choiceOf(s))!;
    const wrong = step.question!.choices!.find((x) => x !== choiceOf(step)!.correct)!;
    const again = applyGradingRule(await gradeLab(sim, lab, { ...key, [step.id]: wrong }), first.passedBefore);
    expect(again).toMatchObject({ passed: lab.steps.length - 1, complete: false });
    expect(again.steps.find((s) => s.stepId === step.id)!.message).toMatch(/^Re-opened — this step passed before, but no longer: Not quite\./);
  }, 30_000);
});

describe('staff-bounce: the notice is the simulation’s own, in Postfix’s DSN form', () => {
  const lab = loadLab('staff-bounce');

  it.each([1, 2, 3])('seed %i: the customer’s server refused carol’s invoice for the blocklist, and the notice says so as Postfix writes it', (seed) => {
    const sim = labSimulation(lab, seed);
    const ex = exhibitOf(sim, lab.steps[0]!.exhibit!) as InboxExhibit;
    expect(ex.opened).toBe(0);
    const notice = ex.messages[0]!.text;
    expect(ex.messages[0]).toMatchObject({ from: 'MAILER-DAEMON@mail.corp.example (Mail Delivery System)', subject: 'Undelivered Mail Returned to Sender', to: 'carol@corp.example' });
    expect(notice).toContain('Content-Type: multipart/report; report-type=delivery-status;');
    expect(notice).toContain("I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.");
    expect(notice).toContain(`<${BOUNCE_RECIPIENT}>: host mx.example.net[198.51.100.7] said: 554 5.7.1\n    Service unavailable; Client host [203.0.113.25] blocked using\n    zen.dnsbl.example (in reply to RCPT TO command)`);
    expect(notice).toMatch(/^Reporting-MTA: dns; mail\.corp\.example$/m);
    expect(notice).toMatch(/^Final-Recipient: rfc822; orders@example\.net$/m);
    expect(notice).toMatch(/^Action: failed\nStatus: 5\.7\.1\nRemote-MTA: dns; mx\.example\.net$/m);
    expect(notice).toContain('Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host\n    [203.0.113.25] blocked using zen.dnsbl.example');
    expect(notice).toMatch(/^Subject: Invoice 2026-0312 for your order$/m);
    // The same refusal in mail.log, as the delivery agent logged it.
    expect(sim.machine('mail').fs.read('/var/log/mail.log')).toMatch(/to=<orders@example\.net>, relay=mx\.example\.net\[198\.51\.100\.7\]:25, .*dsn=5\.7\.1, status=bounced \(host mx\.example\.net\[198\.51\.100\.7\] said: 554 5\.7\.1 Service unavailable; Client host \[203\.0\.113\.25\] blocked using zen\.dnsbl\.example \(in reply to RCPT TO command\)\)/);
  });

  it('without the refusal in the mailbox the step does not pass, whatever the answer', async () => {
    const sim = labSimulation({ ...lab, scenario: { ...lab.scenario, bounce: undefined } }, 1);
    const v = await gradeLab(sim, lab, solutionAnswers(lab, 1));
    expect(v[0]).toMatchObject({ pass: false });
    expect(v[0]!.reason).toMatch(/carol/);
  });
});

describe('staff-your-desk: the task, the traffic and the sample are the seed’s bot on ws07', () => {
  const lab = loadLab('staff-your-desk');
  const task = lab.steps.find((s) => s.id === 'task')!;

  it.each([1, 2, 3, 4])('seed %i: the key is one of the task list’s rows, every other row explains itself, and the sample names ws07', async (seed) => {
    const sim = labSimulation(lab, seed);
    const desk = exhibitOf(sim, task.exhibit!);
    const choices = exhibitChoices(desk, 'desk-tasks');
    const key = solutionAnswers(lab, seed)['task']!;
    expect(choices).toContain(key);
    expect(choices.length).toBeGreaterThanOrEqual(6);
    for (const other of choices.filter((c) => c !== key)) {
      const v = (await gradeLab(sim, { ...lab, steps: [task] }, { task: other }))[0]!;
      expect(v.pass).toBe(false);
      expect(v.reason).toMatch(new RegExp(`^Not quite: ${other.replace(/\./g, '\\.')} is `));
    }
    expect(desk.show === 'desk' && desk.outbound25).toBeGreaterThan(20);
    const c = exhibitOf(sim, lab.steps.find((s) => s.id === 'sample')!.exhibit!) as ComplaintExhibit;
    expect(c.subject).toMatch(/^Abuse report for 203\.0\.113\.10/);
    expect(c.sample?.text).toMatch(/^Received: from (WS07|\[10\.0\.0\.107\]) \(\[203\.0\.113\.10\]\)/);
  }, 30_000);

  it('a clean desk has no such task: the step fails saying so', async () => {
    const sim = labSimulation(lab, 2);
    const m = sim.machine('ws07');
    m.procs.processes = m.procs.processes.filter((p) => p.role !== 'spambot');
    const v = (await gradeLab(sim, { ...lab, steps: [task] }, { task: 'explorer.exe' }))[0]!;
    expect(v).toMatchObject({ pass: false, reason: 'ws07 runs no task its user did not install.' });
  });
});

describe('the validator keeps knowledge checks honest', () => {
  const base = loadLab('staff-report-it');
  const errors = (lab: unknown) => {
    const files = new Set(['intro.mdx', ...base.steps.map((s) => s.text)]);
    return validateLab({ dir: base.id, file: `labs/${base.id}/lab.json`, text: JSON.stringify(lab), files }).errors.map(formatLabError);
  };
  const step0 = base.steps[0]!;
  const check0 = choiceOf(step0)!;
  const withStep = (s: object) => ({ ...base, steps: [{ ...step0, ...s }, ...base.steps.slice(1)] });

  it('the shipped lab is valid', () => expect(errors(base)).toEqual([]));

  it('a key that is not a choice, and a wrong choice without an explanation, are refused', () => {
    const why = { ...check0.why };
    delete why[step0.question!.choices![0]!];
    const e = errors(withStep({ checks: [{ kind: 'choice', correct: 'Call the police.', because: 'x', why }] }));
    expect(e).toContain('labs/staff-report-it/lab.json: steps[0].checks[0].correct: "Call the police." is not one of the question\'s choices.');
    expect(e).toContain(`labs/staff-report-it/lab.json: steps[0].checks[0].why: the wrong choice "${step0.question!.choices![0]}" has no explanation: a learner who picks it must read why it is wrong.`);
  });

  it('a guided lab takes no solution; exhibits belong to guided labs; desk choices need a desk', () => {
    expect(errors(withStep({ solution: ['ssh mail'] }))).toContain('labs/staff-report-it/lab.json: steps[0].solution: a guided lab has no terminal, so nothing can be typed: leave the solution out.');
    expect(errors({ ...withStep({ exhibit: { show: 'desk', host: 'ws07' } }), mode: 'terminal', steps: [{ ...step0, exhibit: { show: 'desk', host: 'ws07' }, solution: ['ls'] }] })).toContain(
      "labs/staff-report-it/lab.json: steps[0].exhibit: exhibits are shown only in guided labs (`\"mode\": \"guided\"`); a terminal lab's learner looks for themselves.",
    );
    expect(errors(withStep({ question: { prompt: 'Which?', choicesFrom: 'desk-tasks' }, checks: [{ kind: 'answer', fact: 'desk-bot-task', host: 'ws07' }] }))).toContain(
      'labs/staff-report-it/lab.json: steps[0].question.choicesFrom: `desk-tasks` reads the task list of the step\'s exhibit, so the step needs `"exhibit": { "show": "desk", "host": … }`.',
    );
    expect(errors(withStep({ exhibit: { show: 'desk', host: 'ws99' } }))).toContain('labs/staff-report-it/lab.json: steps[0].exhibit.host: "ws99" is not a workstation of this lab (it has 24).');
  });
});
