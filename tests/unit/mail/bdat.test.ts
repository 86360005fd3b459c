/**
 * RFC 3030 BDAT (CHUNKING), which the server advertises as Postfix 3.7 does: the session
 * model's steps, and the wire (pipelined, chunks arriving in pieces, 8-bit and CRLF inside
 * chunks). The replies and log lines themselves are compared with a real Postfix in
 * tests/unit/differential (case `bdat`); these tests hold what the fixtures cannot show.
 */
import { describe, expect, it } from 'vitest';
import { SmtpdSession } from '../../../simulator/mail/smtpd-session.ts';
import { parseBdat } from '../../../simulator/mail/smtpd-bdat.ts';
import { mailLog, open, sim, tick } from './mail-helpers.ts';
import { liveShell } from '../shell/live-shell.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const bdat = (chunk: string, last = false) => Buffer.concat([utf8(`BDAT ${utf8(chunk).length}${last ? ' LAST' : ''}\r\n`), utf8(chunk)]);

/** The body of the last message in a mailbox, after its headers. */
function lastBody(box: string): string {
  const msg = box.slice(box.lastIndexOf('\nFrom ') + 1);
  return msg.slice(msg.indexOf('\n\n') + 2);
}

describe('BDAT in the session model', () => {
  function session() {
    const s = sim();
    const server = s.mailServer;
    const sess = new SmtpdSession(server, server.smtpdFor('smtp')!, { ip: '192.0.2.50' });
    sess.open();
    sess.hello('EHLO', 'client.example');
    return { s, sess };
  }
  const take = (sess: SmtpdSession, arg: string, chunk = '') => {
    const cmd = parseBdat(arg)!;
    const refusal = sess.bdatBegin(cmd);
    if (!refusal) sess.bdatData(Buffer.from(chunk, 'utf8').toString('latin1'));
    return sess.bdatEnd(cmd, refusal);
  };

  it('counts octets per transaction, queues on LAST, and refuses MAIL, RCPT and DATA in between', () => {
    const { s, sess } = session();
    expect(sess.mail('<alice@example.org>')).toMatch(/^250/);
    expect(sess.rcpt('<bob@corp.example>')).toMatch(/^250/);
    expect(take(sess, '13', 'Subject: é\r\n')).toBe('250 2.0.0 Ok: 13 bytes');
    expect(sess.mail('<alice@example.org>')).toBe('503 5.5.1 Error: MAIL after BDAT');
    expect(sess.rcpt('<bob@corp.example>')).toBe('503 5.5.1 Error: RCPT after BDAT');
    expect(sess.data()).toBe('503 5.5.1 Error: DATA after BDAT');
    // A bare LF counts as CRLF; an unterminated last line gets its CRLF (2 octets) at LAST.
    expect(take(sess, '3', '\nab')).toBe('250 2.0.0 Ok: 17 bytes');
    expect(take(sess, '0 LAST')).toMatch(/^250 2\.0\.0 Ok: 19 bytes queued as [0-9A-F]+$/);
    expect(sess.mail('<alice@example.org>')).toBe('250 2.1.0 Ok');
    s.clock.advance(60_000);
    expect(lastBody(s.mailbox('bob'))).toBe('ab\n\n');
  });

  it('a refused chunk fails the transaction: later chunks are discarded until LAST, which ends it', () => {
    const { sess } = session();
    expect(take(sess, '5', 'hello')).toBe('503 5.5.1 Error: need RCPT command');
    expect(sess.mail('<alice@example.org>')).toBe('503 5.5.1 Error: MAIL after BDAT');
    expect(take(sess, '5 LAST', 'hello')).toBe('551 5.0.0 Discarded 5 bytes after earlier error');
    expect(sess.mail('<alice@example.org>')).toBe('250 2.1.0 Ok');
    expect(take(sess, '2', 'hi')).toBe('554 5.5.1 Error: no valid recipients');
    expect(sess.rset()).toBe('250 2.0.0 Ok');
    expect(sess.bdat).toBeUndefined();
  });

  it('parses as Postfix does: a count of digits that fits off_t, then LAST in any case, nothing else', () => {
    expect(parseBdat('10')).toEqual({ size: 10, last: false });
    expect(parseBdat('10 last')).toEqual({ size: 10, last: true });
    expect(parseBdat('0\tLAST')).toEqual({ size: 0, last: true });
    for (const bad of ['', 'x', '-1', '5 FOO', '1 LAST extra', '+5', '99999999999999999999']) expect(parseBdat(bad)).toBeUndefined();
    expect(parseBdat('9223372036854775807')).toBeDefined();
  });
});

describe('BDAT over the wire', () => {
  const CHUNKS = ['Subject: café\r\nFrom: Jörg <alice@example.org>\r\n\r\n.\r\n', '..dots stay\r\nköln, split mid-', 'line\r\nQUIT\r\nDATA\r\n'];
  const EXPECTED_BODY = '.\n..dots stay\nköln, split mid-line\nQUIT\nDATA\n';

  it('a whole pipelined transaction in one write: octets raw (no dot-stuffing, commands inside a chunk are content), 8-bit byte for byte', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    c.socket.write(Buffer.concat([
      utf8('EHLO x.example\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@corp.example>\r\n'),
      bdat(CHUNKS[0]!), bdat(CHUNKS[1]!), bdat(CHUNKS[2]!, true), utf8('QUIT\r\n'),
    ]));
    const replies: string[] = [];
    for (let i = 0; i < 7; i++) replies.push(await c.reply());
    const sizes = CHUNKS.map((x) => utf8(x).length);
    expect(replies.slice(3)).toEqual([
      `250 2.0.0 Ok: ${sizes[0]} bytes`,
      `250 2.0.0 Ok: ${sizes[0]! + sizes[1]!} bytes`,
      expect.stringMatching(new RegExp(`^250 2\\.0\\.0 Ok: ${sizes[0]! + sizes[1]! + sizes[2]!} bytes queued as [0-9A-F]+$`)),
      '221 2.0.0 Bye',
    ]);
    await c.closed;
    await tick();
    s.clock.advance(60_000);
    const box = s.mailbox('bob');
    expect(box).toContain('\nSubject: café\nFrom: Jörg <alice@example.org>\n\n');
    expect(lastBody(box)).toBe(EXPECTED_BODY + '\n');
    expect(mailLog(s)).toMatch(/disconnect from \S+ ehlo=1 mail=1 rcpt=1 bdat=3 quit=1 commands=7/);
  });

  it('the same chunks arriving a few octets at a time (a slow link) give the same replies and the same mailbox', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    for (const l of ['EHLO x.example', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<bob@corp.example>']) await c.send(l);
    const all = Buffer.concat([bdat(CHUNKS[0]!), bdat(CHUNKS[1]!), bdat(CHUNKS[2]!, true)]);
    const want = [/^250 2\.0\.0 Ok: \d+ bytes$/, /^250 2\.0\.0 Ok: \d+ bytes$/, /^250 2\.0\.0 Ok: \d+ bytes queued as /];
    const got = Promise.all(want.map(() => c.reply()));
    // Split inside multi-byte characters and inside the CRLFs too.
    for (let i = 0; i < all.length; i += 3) {
      c.socket.write(all.subarray(i, i + 3));
      await tick(0);
    }
    (await got).forEach((r, i) => expect(r).toMatch(want[i]!));
    expect(await c.send('QUIT')).toBe('221 2.0.0 Bye');
    s.clock.advance(60_000);
    expect(lastBody(s.mailbox('bob'))).toBe(EXPECTED_BODY + '\n');
  });

  it('a chunk cut off by the client is logged as lost after BDAT with the octets received', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    for (const l of ['EHLO x.example', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<bob@corp.example>']) await c.send(l);
    c.socket.write(Buffer.concat([utf8('BDAT 100\r\n'), utf8('only 17 octets\r\n!')]));
    await tick(20);
    c.socket.destroy();
    await tick(20);
    expect(mailLog(s)).toMatch(/lost connection after BDAT \(17 bytes\) from /);
    expect(mailLog(s)).toMatch(/ bdat=0\/1 commands=3\/4/);
  });

  it('a malformed BDAT is answered 521 and the connection closes; what follows is never read', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    c.socket.write('BDAT five\r\nNOOP\r\n');
    expect(await c.reply()).toBe('521 5.5.4 Syntax: BDAT count [LAST]');
    await c.closed;
    await tick();
    expect(mailLog(s)).toMatch(/warning: NOQUEUE: malformed BDAT command syntax from \S+: BDAT five/);
    expect(mailLog(s)).not.toMatch(/noop=/);
  });

  it('message_size_limit: a chunk that would pass it is refused and read away (552), the rest discarded', async () => {
    const s = sim();
    const fs = s.machine('mail').fs;
    fs.write('/etc/postfix/main.cf', fs.read('/etc/postfix/main.cf') + 'message_size_limit = 100\n');
    expect(s.mailServer.reload().ok).toBe(true);
    const { c } = await open(s, 'outside.example.org');
    for (const l of ['EHLO x.example', 'MAIL FROM:<alice@example.org>', 'RCPT TO:<bob@corp.example>']) await c.send(l);
    c.socket.write(Buffer.concat([bdat('a'.repeat(60)), bdat('b'.repeat(60)), bdat('c', true), utf8('NOOP\r\n')]));
    expect([await c.reply(), await c.reply(), await c.reply(), await c.reply()]).toEqual([
      '250 2.0.0 Ok: 60 bytes', '552 5.3.4 Chunk exceeds message size limit', '551 5.0.0 Discarded 1 bytes after earlier error', '250 2.0.0 Ok',
    ]);
    expect(mailLog(s)).toMatch(/warning: [0-9A-F]+: BDAT request from \S+ exceeds message size limit/);
  });
});

describe('BDAT from the lab shell', () => {
  it('nc with the dialogue piped in and telnet typed line by line deliver the same message', async () => {
    const sh = liveShell();
    const out = await sh.type(
      "printf 'EHLO ws\\r\\nMAIL FROM:<a@x.example>\\r\\nRCPT TO:<bob@corp.example>\\r\\nBDAT 19 LAST\\r\\nSubject: nc\\r\\n\\r\\nhi\\r\\nQUIT\\r\\n' | nc mail.corp.example 25",
    );
    expect(out).toMatch(/250 2\.0\.0 Ok: 19 bytes queued as [0-9A-F]+\r?\n221 2\.0\.0 Bye/);
    await sh.type('telnet mail.corp.example 25');
    for (const l of ['EHLO ws', 'MAIL FROM:<a@x.example>', 'RCPT TO:<bob@corp.example>', 'BDAT 23 LAST', 'Subject: telnet', '', 'hi']) await sh.type(l);
    const end = await sh.type('QUIT');
    expect(sh.transcript()).toMatch(/250 2\.0\.0 Ok: 23 bytes queued as /);
    expect(end).toContain('221 2.0.0 Bye');
    sh.sim.clock.advance(60_000);
    const box = sh.sim.mailbox('bob');
    expect(box).toContain('Subject: nc\n\nhi\n');
    expect(box).toContain('Subject: telnet\n\nhi\n');
  });
});
