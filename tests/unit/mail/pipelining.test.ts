/**
 * PIPELINING as Postfix honours it: a dialogue written in one chunk gets the
 * same replies, in the same order, as the same lines typed one at a time.
 * Lines after a DATA answered 354 are message content; after a refused DATA
 * they are commands again.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../../simulator/simulation.ts';
import { mailLog, open, sim, tick } from './mail-helpers.ts';

const OUTSIDE = 'outside.example.org';

/** Type the lines one at a time: wait for each reply, except for message content. */
async function typed(s: Simulation, lines: string[]): Promise<string[]> {
  const { c } = await open(s, OUTSIDE);
  const replies: string[] = [];
  let content = false;
  for (const line of lines) {
    if (content) {
      c.write(line);
      if (line !== '.') continue;
      content = false;
      replies.push(await c.reply());
      continue;
    }
    const r = await c.send(line);
    replies.push(r);
    if (r.startsWith('354')) content = true;
    if (r.startsWith('221') || r.startsWith('421')) break;
  }
  await c.closed;
  await tick();
  return replies;
}

/** Paste all the lines in one write, then read replies until the server closes. */
async function pasted(s: Simulation, lines: string[]): Promise<string[]> {
  const { c } = await open(s, OUTSIDE);
  const replies: string[] = [];
  let closed = false;
  void c.closed.then(() => (closed = true));
  c.socket.write(lines.map((l) => l + '\r\n').join(''));
  for (;;) {
    const r = await Promise.race([c.reply(), c.closed.then(() => undefined)]);
    if (r === undefined) break;
    replies.push(r);
    if (r.startsWith('221') || r.startsWith('421')) break;
  }
  if (!closed) await c.closed;
  await tick();
  return replies;
}

const IMPROPER = /^.*improper command pipelining after .*\n/m;

/**
 * Both ways on two fresh simulations: replies and mail.log must be identical,
 * but for the one line Postfix logs about the pipelining itself.
 */
async function agree(lines: string[], scenario: 'open' | 'closed' = 'open') {
  const a = sim({ mailScenario: scenario });
  const b = sim({ mailScenario: scenario });
  const one = await typed(a, lines);
  const all = await pasted(b, lines);
  expect(all).toEqual(one);
  expect(mailLog(a)).not.toMatch(IMPROPER);
  expect(mailLog(b).replace(IMPROPER, '')).toBe(mailLog(a));
  return { replies: all, sim: b, improper: IMPROPER.exec(mailLog(b))?.[0] };
}

describe('PIPELINING on the wire', () => {
  it('a whole transaction pasted at once is delivered, not a crash', async () => {
    const lines = ['EHLO x', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: t', '', 'hi', '.', 'QUIT'];
    const { replies, sim: s, improper } = await agree(lines);
    expect(replies.slice(1)).toEqual([
      '250 2.1.0 Ok', '250 2.1.5 Ok', '354 End data with <CR><LF>.<CR><LF>', expect.stringMatching(/^250 2\.0\.0 Ok: queued as [0-9A-F]{11}$/), '221 2.0.0 Bye',
    ]);
    // Postfix 3.7 logs the bytes pending after EHLO (the first "last in group" command), escaped, at most 100.
    expect(improper).toMatch(/smtpd\[\d+\]: improper command pipelining after EHLO from outside\.example\.org\[192\.0\.2\.50\]: MAIL FROM:<a@x\.example>\\r\\nRCPT TO:<bob@corp\.example>\\r\\nDATA\\r\\nSubject: t\\r\\n\\r\\nhi\\r\\n\.\\r\\nQUIT\\r\\n\n$/);
    s.clock.advance(60_000);
    expect(s.mailbox('bob')).toContain('Subject: t\n\nhi\n');
  });

  it('MAIL, RCPT, RSET, MAIL, RCPT pasted after EHLO: all 250, as typed', async () => {
    const { replies } = await agree(['EHLO x', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'RSET', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'QUIT']);
    expect(replies.slice(1)).toEqual(['250 2.1.0 Ok', '250 2.1.5 Ok', '250 2.0.0 Ok', '250 2.1.0 Ok', '250 2.1.5 Ok', '221 2.0.0 Bye']);
  });

  it('EHLO mid-pipeline resets the transaction, as typed', async () => {
    const { replies } = await agree(['EHLO x', 'MAIL FROM:<a@x.example>', 'EHLO y', 'RCPT TO:<bob@corp.example>', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'hi', '.', 'QUIT']);
    expect(replies.filter((r) => r.startsWith('503'))).toEqual(['503 5.5.1 Error: need MAIL command']);
    expect(replies.at(-2)).toMatch(/^250 2\.0\.0 Ok: queued as /);
  });

  it('as recorded on Postfix 3.7: EHLO alone, then the rest in one chunk; the log names DATA', async () => {
    const s = sim();
    const { c } = await open(s, OUTSIDE);
    await c.send('EHLO x');
    c.socket.write(['MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: t', '', 'hi', '.', 'QUIT', ''].join('\r\n'));
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await c.reply());
    expect(replies.slice(0, 3)).toEqual(['250 2.1.0 Ok', '250 2.1.5 Ok', '354 End data with <CR><LF>.<CR><LF>']);
    await c.closed;
    await tick();
    expect(mailLog(s)).toMatch(/\]: [0-9A-F]{11}: client=outside\.example\.org\[192\.0\.2\.50\]\n.*improper command pipelining after DATA from outside\.example\.org\[192\.0\.2\.50\]: Subject: t\\r\\n\\r\\nhi\\r\\n\.\\r\\nQUIT\\r\\n\n.*cleanup.*message-id=<>\n/);
    expect(mailLog(s)).toMatch(/disconnect from .* ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5\n/);
  });

  it('a refused DATA, then the message pasted behind it: the header line is a non-SMTP command (221, hang up)', async () => {
    const s = sim();
    const { c } = await open(s, OUTSIDE);
    await c.send('EHLO x');
    c.socket.write(['MAIL FROM:<a@x.example>', 'RCPT TO:<nosuchuser@corp.example>', 'DATA', 'Subject: t', '', 'hi', '.', 'QUIT', ''].join('\r\n'));
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await c.reply());
    expect(replies).toEqual([
      '250 2.1.0 Ok',
      '550 5.1.1 <nosuchuser@corp.example>: Recipient address rejected: User unknown in local recipient table',
      '554 5.5.1 Error: no valid recipients',
      '221 2.7.0 Error: I can break rules, too. Goodbye.',
    ]);
    await c.closed;
    await tick();
    const log = mailLog(s);
    expect(log).toContain('warning: non-SMTP command from outside.example.org[192.0.2.50]: Subject: t\n');
    expect(log).toMatch(/: disconnect from outside\.example\.org\[192\.0\.2\.50\] ehlo=1 mail=1 rcpt=0\/1 data=0\/1 unknown=0\/1 commands=2\/5\n$/);
    expect(log).not.toContain('lost connection');
  });

  it('after a refused DATA the following lines are commands again (Postfix, not smtp-server)', async () => {
    const lines = ['EHLO x', 'MAIL FROM:<a@x.example>', 'RCPT TO:<victim@example.net>', 'DATA', 'NOOP', 'RSET', 'DATA', 'QUIT'];
    const { replies } = await agree(lines, 'closed');
    expect(replies.slice(1)).toEqual([
      '250 2.1.0 Ok',
      '554 5.7.1 <victim@example.net>: Relay access denied',
      '554 5.5.1 Error: no valid recipients',
      '250 2.0.0 Ok',
      '250 2.0.0 Ok',
      '503 5.5.1 Error: need RCPT command',
      '221 2.0.0 Bye',
    ]);
  });

  it('a content line that looks like a command stays content; dot-stuffing survives', async () => {
    const lines = ['HELO x', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'RSET', 'MAIL FROM:<evil@x.example>', '..leading dot', '.', 'QUIT'];
    const { sim: s } = await agree(lines);
    s.clock.advance(60_000);
    expect(s.mailbox('bob')).toContain('RSET\nMAIL FROM:<evil@x.example>\n.leading dot\n');
  });

  it('thousands of pipelined MAIL/RCPT/RSET get the replies typed ones get', async () => {
    const lines = ['EHLO x'];
    for (let i = 0; i < 700; i++) lines.push(`MAIL FROM:<s${i}@x.example>`, 'RCPT TO:<bob@corp.example>', 'RSET');
    lines.push('QUIT');
    const s = sim();
    const replies = await pasted(s, lines);
    expect(replies).toHaveLength(lines.length);
    expect(replies.filter((r) => !/^2/.test(r))).toEqual([]);
    expect(mailLog(s)).toMatch(/ehlo=1 mail=700 rcpt=700 rset=700 quit=1 commands=2102\n$/);
  });
});

describe('a client that closes its sending side after the last line (nc -N, a script)', () => {
  it('every command read before the FIN is answered; the transaction is delivered', async () => {
    const s = sim();
    const { c } = await open(s, OUTSIDE);
    c.socket.end(['EHLO x', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: t', '', 'hi', '.', 'QUIT', ''].join('\r\n'));
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await c.reply());
    expect(replies.slice(1)).toEqual(['250 2.1.0 Ok', '250 2.1.5 Ok', '354 End data with <CR><LF>.<CR><LF>', expect.stringMatching(/^250 2\.0\.0 Ok: queued as /), '221 2.0.0 Bye']);
    await c.closed;
    await tick();
    expect(mailLog(s)).not.toContain('lost connection');
  });

  it('without QUIT: the commands are answered, then "lost connection after" the last one', async () => {
    const s = sim();
    const { c } = await open(s, OUTSIDE);
    c.socket.end('EHLO x\r\nMAIL FROM:<a@x.example>\r\n');
    await c.reply();
    expect(await c.reply()).toBe('250 2.1.0 Ok');
    await c.closed;
    await tick();
    expect(mailLog(s)).toMatch(/lost connection after MAIL from outside\.example\.org\[192\.0\.2\.50\]\n.*ehlo=1 mail=1 commands=2\n$/);
  });
});
