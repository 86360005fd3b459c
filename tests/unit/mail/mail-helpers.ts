/** Shared helpers for the mail server tests: a wire client that mirrors the bulk dialogue, and tiny sim builders. */
import { Simulation, type SimulationOptions } from '../../../simulator/simulation.ts';
import type { BulkSession } from '../../../simulator/mail/bulk.ts';
import { renderBulkHeaders } from '../../../simulator/mail/message.ts';
import { SUBMISSION_SERVICE } from '../../../simulator/mail/scenarios.ts';
import { TestSmtpClient } from '../helpers/smtp-client.ts';
import { postfixCommands } from '../../../simulator/shell/commands/postfix-tools.ts';

export const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

export function sim(opts: Partial<SimulationOptions> = {}): Simulation {
  return new Simulation({ seed: 7, ...opts });
}

export function mailLog(s: Simulation): string {
  return s.machine('mail').fs.read('/var/log/mail.log');
}

export function password(s: Simulation, user: string): string {
  return s.mailServer.saslPassword(user)!;
}

/** Enable the fidelity.md submission service (encrypt + SASL), or another master.cf block (SUBMISSIONS_SERVICE), and reload. */
export function enableSubmission(s: Simulation, block = SUBMISSION_SERVICE): void {
  const fs = s.machine('mail').fs;
  fs.write('/etc/postfix/master.cf', fs.read('/etc/postfix/master.cf') + block);
  const r = s.mailServer.reload();
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

export async function open(s: Simulation, from: string, port = 25) {
  const socket = await s.network.connect(from, 'mail.corp.example', port);
  const c = new TestSmtpClient(socket);
  return { c, greeting: await c.reply() };
}

/** The same dialogue runBulkSession has, over the wire; returns what BulkResult would say. */
export async function wireSession(s: Simulation, from: string, b: BulkSession) {
  const { c } = await open(s, from, b.service === 'submission' ? 587 : 25);
  const ok = (r: string) => /^[23]/.test(r);
  const result = { accepted: [] as string[], rejected: [] as { rcpt: string; reply: string }[], queueId: undefined as string | undefined, authOk: undefined as boolean | undefined };
  const quit = async () => {
    await c.send('QUIT');
    await c.closed;
    await tick();
    return result;
  };
  if (!ok(await c.send(`EHLO ${b.helo}`))) return quit();
  if (b.tls) {
    if (!ok(await c.send('STARTTLS'))) return quit();
    await c.send(`EHLO ${b.helo}`);
  }
  if (b.sasl) {
    const m = b.sasl.method ?? 'PLAIN';
    let r: string;
    if (m === 'PLAIN') r = await c.send(`AUTH PLAIN ${Buffer.from(`\0${b.sasl.username}\0${b.sasl.password}`).toString('base64')}`);
    else {
      r = await c.send('AUTH LOGIN');
      if (r.startsWith('334')) r = await c.send(Buffer.from(b.sasl.username).toString('base64'));
      if (r.startsWith('334')) r = await c.send(Buffer.from(b.sasl.password).toString('base64'));
    }
    result.authOk = r.startsWith('235');
    if (!result.authOk) return quit();
  }
  if (!ok(await c.send(`MAIL FROM:<${b.mailFrom}>`))) return quit();
  for (const rcpt of b.rcptTo) {
    const r = await c.send(`RCPT TO:<${rcpt}>`);
    if (ok(r)) result.accepted.push(rcpt);
    else result.rejected.push({ rcpt, reply: r });
  }
  if (result.accepted.length === 0) return quit();
  await c.send('DATA');
  const text = renderBulkHeaders(b.message, b.mailFrom, b.rcptTo, s.clock.now()) + (b.message.body ?? '');
  for (const line of text.replace(/\n$/, '').split('\n')) c.write(line);
  const end = await c.send('.');
  result.queueId = /queued as (\w+)/.exec(end)?.[1];
  return quit();
}

/** Run one of the mail host's admin tools as root, capturing what it prints. */
export async function runMailTool(s: Simulation, name: string, args: string[], stdin = '') {
  const spec = postfixCommands.find((c) => c.name === name)!;
  let out = '';
  let err = '';
  const code = await spec.run({
    sim: s, args, machine: s.machine('mail'), user: 'root', cwd: '/root', home: '/root', stdin,
    out: (t) => (out += t), err: (t) => (err += t), signal: new AbortController().signal,
  });
  return { code, out, err };
}
