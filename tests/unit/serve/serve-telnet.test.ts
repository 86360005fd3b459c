/**
 * Issue 13: real Debian `telnet`, driven by a script that waits for each
 * reply as a person would, completes a message by hand on the real port; the
 * simulation sees the client as the --as host (outside by default), in
 * mail.log and in the mailbox, and gives it that host's relay decision.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachShell, attachUntil, serve, type TestServe } from './serve-helpers.ts';

/** telnet with a pipe for stdin: each line is sent once the output so far matches what it waits for. */
async function telnetDialogue(port: number, steps: Array<[RegExp, string]>): Promise<string> {
  const child = spawn('telnet', ['127.0.0.1', String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let waiter: (() => void) | undefined;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    waiter?.();
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const until = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`telnet: no ${re} in:\n${out}`)), 5000);
      const check = () => {
        if (re.test(out)) {
          clearTimeout(timer);
          waiter = undefined;
          resolve();
        }
      };
      waiter = check;
      check();
    });
  for (const [wait, line] of steps) {
    await until(wait);
    // telnet turns the newline into CR LF on the wire.
    child.stdin.write(line + '\n');
  }
  await until(/221 2\.0\.0 Bye/);
  child.stdin.end();
  await closed;
  return out;
}

describe('real telnet on the served port', () => {
  let s: TestServe;
  beforeAll(async () => {
    s = await serve(['--scenario', 'closed', '--seed', '5']);
  });
  afterAll(() => s?.close());

  it('completes a message by hand, and the simulation sees the outside host deliver it to bob', async () => {
    const out = await telnetDialogue(s.port, [
      [/220 mail\.corp\.example ESMTP Postfix/, 'HELO client.example.org'],
      [/250 mail\.corp\.example/, 'MAIL FROM:<carol@example.org>'],
      [/250 2\.1\.0 Ok/, 'RCPT TO:<bob@corp.example>'],
      [/250 2\.1\.5 Ok/, 'DATA'],
      [/354 End data with <CR><LF>\.<CR><LF>/, 'Subject: typed by hand\n\nHello Bob, from a real telnet.\n.'],
      [/250 2\.0\.0 Ok: queued as [0-9A-F]+/, 'QUIT'],
    ]);
    expect(out).toMatch(/^Trying 127\.0\.0\.1\.\.\.\nConnected to 127\.0\.0\.1\.\nEscape character is '\^\]'\.\n220 mail\.corp\.example ESMTP Postfix\r?\n/);
    const qid = /queued as ([0-9A-F]+)/.exec(out)![1]!;
    const inside = await attachUntil(s, ['ssh mail', `grep ${qid} /var/log/mail.log`, 'grep -A3 "typed by hand" /var/mail/bob'], (out) => out.includes('from a real telnet'));
    expect(inside.out).toContain(`postfix/smtpd[`);
    expect(inside.out).toMatch(new RegExp(`${qid}: client=outside\\.example\\.org\\[192\\.0\\.2\\.50\\]`));
    expect(inside.out).toMatch(new RegExp(`${qid}: to=<bob@corp\\.example>, relay=local, .*status=sent \\(delivered to mailbox\\)`));
    expect(inside.out).toContain('Hello Bob, from a real telnet.');
  });

  it('by hand, a relay attempt from the outside host is denied on the closed server', async () => {
    const out = await telnetDialogue(s.port, [
      [/220 /, 'EHLO client.example.org'],
      [/250 CHUNKING/, 'MAIL FROM:<spam@example.org>'],
      [/250 2\.1\.0 Ok/, 'RCPT TO:<victim@example.net>'],
      [/Relay access denied/, 'QUIT'],
    ]);
    expect(out).toContain('554 5.7.1 <victim@example.net>: Relay access denied');
    const log = await attachShell(s, ['ssh mail', 'grep "Relay access denied" /var/log/mail.log']);
    expect(log.out).toMatch(/NOQUEUE: reject: RCPT from outside\.example\.org\[192\.0\.2\.50\]: 554 5\.7\.1 <victim@example\.net>: Relay access denied; from=<spam@example\.org> to=<victim@example\.net> proto=ESMTP helo=<client\.example\.org>/);
  });
});
