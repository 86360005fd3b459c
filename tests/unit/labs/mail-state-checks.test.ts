/**
 * The `config`, `queue` and `submission` checks on a live simulation: they
 * read the running server (not main.cf), the queue's real contents, and the
 * server's own user database — and say what is wrong in the learner's terms.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { findCheckKind } from '../../../simulator/grader/registry.ts';
import { prepareQueue } from '../../../simulator/labs/queue-seed.ts';
import { queuedMail } from '../../../simulator/grader/queue-facts.ts';
import { SUBMISSION_SERVICE } from '../../../simulator/mail/scenarios.ts';

async function check(sim: Simulation, kind: string, raw: Record<string, unknown>) {
  const k = findCheckKind(kind)!;
  return k.run({ sim, answers: {}, stepId: 's' }, k.params.parse(raw));
}

const setMain = (sim: Simulation, line: string) => {
  const fs = sim.machine('mail').fs;
  fs.write('/etc/postfix/main.cf', fs.read('/etc/postfix/main.cf') + line + '\n');
};

describe('config check: the value in effect on the running server', () => {
  const open0 = { parameter: 'mynetworks', notContains: '0.0.0.0/0', why: 'the whole Internet' };

  it('fails on the open scenario, naming the value and why', async () => {
    const r = await check(new Simulation({ seed: 1 }), 'config', open0);
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/^In effect on the running smtpd on port 25: mynetworks = .*0\.0\.0\.0\/0.* — still includes 0\.0\.0\.0\/0 \(the whole Internet\)\.$/);
  });

  it('an edited main.cf without reload still fails, and says to reload', async () => {
    const sim = new Simulation({ seed: 1 });
    setMain(sim, 'mynetworks = 127.0.0.0/8 10.0.0.0/24');
    const r = await check(sim, 'config', open0);
    expect(r.pass).toBe(false);
    expect(r.reason).toContain('main.cf already has the change: run postfix reload to apply it.');
    sim.mailServer.reload();
    expect((await check(sim, 'config', open0)).pass).toBe(true);
  });

  it('contains: any of several parameters; per service; stopped Postfix', async () => {
    const sim = new Simulation({ seed: 1, mailScenario: 'closed' });
    const rule = { parameter: ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'], contains: 'reject_unauth_destination' };
    expect((await check(sim, 'config', rule)).pass).toBe(true);
    expect((await check(sim, 'config', { ...rule, service: 'submission' })).reason).toMatch(/runs no "submission" service/);
    sim.mailServer.stop();
    expect((await check(sim, 'config', rule)).reason).toMatch(/^Postfix is not running on mail\.corp\.example/);
  });

  it('rejects parameters that ask for nothing or two things', () => {
    const k = findCheckKind('config')!;
    expect(k.params.safeParse({ parameter: 'mynetworks' }).success).toBe(false);
    expect(k.params.safeParse({ parameter: 'mynetworks', contains: 'a', equals: 'b' }).success).toBe(false);
  });
});

describe('queue check: no spam left, legitimate mail kept', () => {
  const seeded = () => new Simulation({ seed: 9, prepare: (s) => prepareQueue(s, 'spam-backlog') });

  it('the spam backlog is deterministic: relayed spam and two colleagues\' messages, all deferred', () => {
    const a = queuedMail(seeded());
    expect(a.map((m) => m.id)).toEqual(queuedMail(seeded()).map((m) => m.id));
    expect(a.filter((m) => m.spam).map((m) => m.client)).toEqual(['198.51.100.66', '198.51.100.66', '198.51.100.66', '198.51.100.66']);
    expect(a.filter((m) => !m.spam).map((m) => m.sender)).toEqual([expect.stringMatching(/@corp\.example$/), expect.stringMatching(/@corp\.example$/)]);
    const sim = seeded();
    expect(sim.mailServer.queue.entries().every((e) => e.queue === 'deferred')).toBe(true);
  });

  it('fails while spam is queued, passes once only the spam is deleted', async () => {
    const sim = seeded();
    const r = await check(sim, 'queue', {});
    expect(r.reason).toMatch(/^4 spam messages relayed for 198\.51\.100\.66 still in the queue on mail\.corp\.example \(first: \S+@\S+ → /);
    const spam = queuedMail(sim).filter((m) => m.spam).map((m) => m.id);
    sim.mailServer.queue.remove(spam);
    for (const id of spam) sim.mailServer.log.write('postfix/postsuper', 999, `${id}: removed`);
    expect(await check(sim, 'queue', {})).toEqual({ pass: true, reason: 'No spam left in the queue on mail.corp.example; legitimate mail kept: 2 still queued, 0 delivered.' });
  });

  it('legitimate mail delivered on retry counts as kept; spam delivered on retry is a failure', async () => {
    const sim = seeded();
    sim.clock.advance(400_000); // past minimal_backoff_time and the greylist window
    expect(sim.mailServer.queue.length).toBe(0);
    const r = await check(sim, 'queue', {});
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/^4 spam messages were delivered from the queue before you removed them/);
    expect((await check(sim, 'queue', { spam: 'any' })).reason).toContain('0 still queued, 2 delivered');
  });
});

describe('submission check: logs in with the password the server has now', () => {
  const withSubmission = () => {
    const sim = new Simulation({ seed: 4 });
    const fs = sim.machine('mail').fs;
    fs.write('/etc/postfix/master.cf', fs.read('/etc/postfix/master.cf') + SUBMISSION_SERVICE);
    sim.mailServer.reload();
    return sim;
  };

  it('authenticated submission is accepted, a wrong password and no login are refused', async () => {
    const sim = withSubmission();
    expect(await check(sim, 'submission', { auth: { user: 'alice' } })).toMatchObject({ pass: true });
    const wrong = await check(sim, 'submission', { auth: { user: 'alice', password: 'wrong' }, expect: 'refused' });
    expect(wrong).toMatchObject({ pass: true, reason: expect.stringMatching(/^Submission with a wrong password as alice on port 587 from outside: refused \(535/) });
    expect(await check(sim, 'submission', { expect: 'refused' })).toMatchObject({ pass: true });
  }, 30_000);

  it('follows a password change made on the server (saslpasswd2), and names unknown users', async () => {
    const sim = withSubmission();
    const fs = sim.machine('mail').fs;
    fs.write('/etc/sasldb2', fs.read('/etc/sasldb2').replace(/^alice@mail\.corp\.example:.*$/m, 'alice@mail.corp.example:Changed-42'));
    expect(sim.mailServer.saslPassword('alice')).toBe('Changed-42');
    expect(await check(sim, 'submission', { auth: { user: 'alice' } })).toMatchObject({ pass: true });
    expect((await check(sim, 'submission', { auth: { user: 'nobody' } })).reason).toMatch(/^nobody has no SMTP AUTH account/);
  }, 30_000);
});
