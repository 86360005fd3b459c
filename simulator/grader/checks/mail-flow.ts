/**
 * Probes: legitimate mail must keep flowing. Each opens a real SMTP session
 * over the wire and stops after RCPT (as `swaks --quit-after RCPT` does):
 * acceptance is proven, nothing is queued, no mailbox changes.
 *  - mail-inbound: someone on the Internet writes to a local user.
 *  - mail-outbound: a user inside sends to an Internet recipient through the server.
 *  - submission: port 587, with or without SMTP AUTH.
 */
import { z } from 'zod';
import type { GraderEnv } from '../grader-env.ts';
import { MAIL_HOST } from '../../net/corp-hosts.ts';
import { openSmtp } from '../smtp-probe.ts';
import { fail, pass, type CheckKind, type CheckResult } from '../types.ts';
import { t } from '../../i18n/t.ts';

type Transaction = { from: string; target: string; port: number; mailFrom: string; rcptTo: string; auth?: { user: string; password: string } };
type Outcome = { reached: false; why: string } | { reached: true; accepted: boolean; reply: string };

export async function tryTransaction(sim: GraderEnv, tx: Transaction): Promise<Outcome> {
  const opened = await openSmtp(sim, tx.from, tx.target, tx.port);
  if (!opened.ok) return { reached: false, why: opened.why };
  const s = opened.session;
  const done = async (accepted: boolean, reply: string): Promise<Outcome> => {
    await s.quit();
    return { reached: true, accepted, reply: reply.split('\n').pop() || t('grader.mail-flow.no-reply') };
  };
  const helo = `EHLO ${sim.machine(tx.from).host.name}`;
  const ehlo = await s.send(helo);
  // A mail client uses STARTTLS when offered (submission requires it before AUTH and MAIL), then says EHLO again.
  if (/^250[ -]STARTTLS$/m.test(ehlo)) {
    const tls = await s.send('STARTTLS');
    if (!/^220/.test(tls)) return done(false, tls);
    await s.send(helo);
  }
  if (tx.auth) {
    const token = btoa(`\0${tx.auth.user}\0${tx.auth.password}`);
    const r = await s.send(`AUTH PLAIN ${token}`);
    if (!/^235/.test(r)) return done(false, r);
  }
  const mail = await s.send(`MAIL FROM:<${tx.mailFrom}>`);
  if (!/^250/.test(mail)) return done(false, mail);
  const rcpt = await s.send(`RCPT TO:<${tx.rcptTo}>`);
  return done(/^25[01]/.test(rcpt), rcpt);
}

const base = {
  target: z.string().default(MAIL_HOST).describe('Mail server, as a client would name it'),
  expect: z.enum(['accepted', 'refused']).default('accepted').describe('Whether the recipient must be accepted or refused'),
};

function verdict(o: Outcome, expect: 'accepted' | 'refused', what: string, where: string): CheckResult {
  if (!o.reached) return fail(t('grader.mail-flow.cannot-connect', { what, where, why: o.why }));
  if (expect === 'accepted') return o.accepted ? pass(t('grader.mail-flow.accepted', { what })) : fail(t('grader.mail-flow.refused', { what, reply: o.reply }));
  return o.accepted ? fail(t('grader.mail-flow.accepted-wrongly', { what })) : pass(t('grader.mail-flow.refused', { what, reply: o.reply }));
}

const inbound = z
  .object({
    ...base,
    from: z.string().default('outside').describe('Internet host the sender connects from'),
    mailFrom: z.string().default('partner@example.net').describe('Envelope sender'),
    rcptTo: z.string().default('bob@corp.example').describe('A local recipient'),
  })
  .strict();

export const mailInboundCheck: CheckKind<z.infer<typeof inbound>> = {
  kind: 'mail-inbound',
  summary: 'mail from the Internet for a local user is accepted (outside → in)',
  probe: true,
  params: inbound,
  refs: (p) => ({ hosts: [p.from, p.target] }),
  async run({ sim }, p) {
    const o = await tryTransaction(sim, { ...p, port: 25 });
    return verdict(o, p.expect, t('grader.mail-flow.inbound', { mailFrom: p.mailFrom, from: p.from, rcptTo: p.rcptTo }), `${p.target}:25`);
  },
};

const outbound = z
  .object({
    ...base,
    from: z.string().default('ws01').describe('Host inside the LAN the user sends from'),
    mailFrom: z.string().default('alice@corp.example').describe('Envelope sender'),
    rcptTo: z.string().default('customer@example.net').describe('An Internet recipient'),
  })
  .strict();

export const mailOutboundCheck: CheckKind<z.infer<typeof outbound>> = {
  kind: 'mail-outbound',
  summary: 'a user inside can send to the Internet through the mail server (inside → out)',
  probe: true,
  params: outbound,
  refs: (p) => ({ hosts: [p.from, p.target] }),
  async run({ sim }, p) {
    const o = await tryTransaction(sim, { ...p, port: 25 });
    return verdict(o, p.expect, t('grader.mail-flow.outbound', { mailFrom: p.mailFrom, from: p.from, rcptTo: p.rcptTo }), `${p.target}:25`);
  },
};

const submission = z
  .object({
    ...base,
    from: z.string().default('outside').describe('Host the client connects from (a road warrior is outside)'),
    mailFrom: z.string().default('alice@corp.example').describe('Envelope sender'),
    rcptTo: z.string().default('customer@example.net').describe('An Internet recipient'),
    auth: z
      .object({
        user: z.string().describe('SASL user; the password is read from the mail server\'s user database (/etc/sasldb2) at check time'),
        password: z.enum(['current', 'wrong']).default('current').describe('`current`: the password in effect now; `wrong`: a password that is not it (AUTH must fail)'),
      })
      .strict()
      .optional()
      .describe('SMTP AUTH PLAIN as a user of the mail server; absent = unauthenticated'),
  })
  .strict();

export const submissionCheck: CheckKind<z.infer<typeof submission>> = {
  kind: 'submission',
  summary: 'a submission on port 587, authenticated or not, is accepted or refused',
  probe: true,
  params: submission,
  refs: (p) => ({ hosts: [p.from, p.target] }),
  async run({ sim }, p) {
    // The password comes from the server's user DB, so a lab stays right when the seed (or the learner, with saslpasswd2) changes it.
    let auth: Transaction['auth'];
    if (p.auth) {
      const current = sim.mailServer.saslPassword(p.auth.user);
      if (current === undefined) return fail(t('grader.submission.no-account', { user: p.auth.user, host: MAIL_HOST }));
      auth = { user: p.auth.user, password: p.auth.password === 'current' ? current : `${current}-wrong` };
    }
    const o = await tryTransaction(sim, { ...p, auth, port: 587 });
    const how = p.auth ? t(p.auth.password === 'wrong' ? 'grader.submission.wrong-password' : 'grader.submission.authenticated', { user: p.auth.user }) : t('grader.submission.unauthenticated');
    return verdict(o, p.expect, t('grader.submission.what', { how, from: p.from }), `${p.target}:587`);
  },
};
