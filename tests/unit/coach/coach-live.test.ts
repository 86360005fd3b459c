/**
 * The coach speaks at the right moment and only then: as soon as the command
 * (or the SMTP command inside telnet) that made the mistake has its answer on
 * the screen, before the next line is typed; never during a correct run; it
 * never writes to the terminal; and the page's idea of the current step
 * decides whether testing from inside is a mistake.
 */
import { describe, expect, it } from 'vitest';
import { loadLab, loadLabs } from '../../../cli/lab-files.ts';
import { labSimulation, runAttempt, typeLines } from '../../../simulator/labs/attempt.ts';
import { solutionAnswers, solutionLines } from '../../../simulator/labs/scenario.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import { createCoach, type Coach, type Mistake } from '../../../simulator/coach/coach.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';

/** A session as the page runs it: the coach attached, the screen recorded as each mistake is named. */
async function live(lab: Lab, lines: string[], opts: Parameters<typeof createCoach>[2] = {}) {
  const sim = labSimulation(lab, 7);
  let screen = '';
  const session = createShell(sim, { write: (d) => void (screen += d), cols: 100, rows: 30 }, { startHost: lab.startHost });
  const coach: Coach = createCoach(sim, lab, opts);
  coach.attach(session);
  const named: Array<{ m: Mistake; screen: string }> = [];
  coach.onMistake((m) => named.push({ m, screen }));
  session.start();
  await typeLines(session, lines, { beforeLine: () => coach.idle() });
  await coach.idle();
  return { named, screen, coach };
}

const RELAY_BY_HAND = ['telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<test@example.org>', 'RCPT TO:<victim@example.net>', 'QUIT'];

describe('named as soon as the command returns', () => {
  it('inside telnet: right after the RCPT reply, before QUIT is typed', async () => {
    const { named } = await live(loadLab('open-relay-test'), RELAY_BY_HAND);
    expect(named.map((n) => n.m.id)).toEqual(['tested-from-inside']);
    expect(named[0]!.screen).toMatch(/RCPT TO:<victim@example\.net>\r\n250 2\.1\.5 Ok\r\n$/);
  });

  it('at the prompt: after bash answered, before the next prompt', async () => {
    const { named } = await live(loadLab('speak-smtp'), ['EHLO me', 'ls']);
    expect(named.map((n) => n.m.id)).toEqual(['smtp-verb-at-prompt']);
    expect(named[0]!.screen).toMatch(/EHLO: command not found\r\n[^$#]*$/);
  });

  it('in the body: right after the stray QUIT, while telnet still waits', async () => {
    const lines = ['telnet mail.corp.example 25', 'EHLO ops', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: hi', 'QUIT', '.'];
    const { named } = await live(loadLab('speak-smtp'), lines);
    expect(named.map((n) => n.m.id)).toEqual(['still-in-data']);
    expect(named[0]!.screen).toMatch(/Subject: hi\r\nQUIT\r\n$/);
  });
});

describe('the current step decides about testing from inside', () => {
  it('named while the page says the step is about testing the relay', async () => {
    const { named } = await live(loadLab('close-the-relay'), RELAY_BY_HAND, { currentStep: () => 'close' });
    expect(named.map((n) => n.m.id)).toEqual(['tested-from-inside']);
  });

  it('not named on the step that asks for outbound mail from the LAN', async () => {
    const { named } = await live(loadLab('close-the-relay'), RELAY_BY_HAND, { currentStep: () => 'keep-mail' });
    expect(named).toEqual([]);
  });

  it('not named once every step is done', async () => {
    const { named } = await live(loadLab('open-relay-test'), RELAY_BY_HAND, { currentStep: () => undefined });
    expect(named).toEqual([]);
  });
});

describe('quiet when nothing is wrong, and off the screen', () => {
  for (const { dir } of loadLabs()) {
    it(`${dir}: the solution names no mistake`, async () => {
      const lab = loadLab(dir);
      const r = await runAttempt(lab, 7, solutionLines(lab), solutionAnswers(lab));
      expect(r.mistakes).toEqual([]);
    });
  }

  it('the terminal shows the same bytes with and without the coach', async () => {
    const lab = loadLab('speak-smtp');
    const lines = ['EHLO me', 'telnet mail.corp.example', 'telnet mail.corp.example 25', 'EHLO ops', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'QUIT', '.', 'QUIT'];
    const coached = await live(lab, lines);
    expect(coached.named.length).toBe(3);
    const sim = labSimulation(lab, 7);
    let plain = '';
    const session = createShell(sim, { write: (d) => void (plain += d), cols: 100, rows: 30 }, { startHost: lab.startHost });
    session.start();
    await typeLines(session, lines);
    expect(coached.screen).toBe(plain);
  });

  it('dispose stops it: a later mistake is not named', async () => {
    const lab = loadLab('speak-smtp');
    const sim = labSimulation(lab, 7);
    const session = createShell(sim, { write: () => undefined, cols: 100, rows: 30 }, { startHost: lab.startHost });
    const listenersBefore = sim.events.size;
    const coach = createCoach(sim, lab);
    coach.attach(session);
    session.start();
    await typeLines(session, ['EHLO me']);
    expect(coach.seen.length).toBe(1);
    coach.dispose();
    await typeLines(session, ['ls', 'EHLO again']);
    expect(coach.seen.length).toBe(1);
    expect(sim.events.size).toBe(listenersBefore);
  });
});
