/**
 * Two wire details real clients found through `relaylab serve` (issue 13):
 * - STARTTLS: Postfix's starttls_cmd() purges whatever plain text the client pipelined after
 *   the command (vstream_fpurge, the CVE-2011-0411 fix), so those lines are never answered —
 *   not as if they had come encrypted. The proxy answered them.
 * - `QUIT\r` then CRLF (CR CR LF): smtpd_token() splits commands at white space, CR included,
 *   so Postfix answers 221 and closes; the proxy answered 500 5.5.2.
 */
import { describe, expect, it } from 'vitest';
import { enableSubmission, mailLog, open, sim, tick } from './mail-helpers.ts';

describe('plain text pipelined after STARTTLS', () => {
  it('is discarded: the 220 is the last reply to that chunk, and the session starts afresh', async () => {
    const s = sim();
    enableSubmission(s);
    const { c } = await open(s, 'ws01.corp.example', 587);
    await c.send('EHLO ws01.corp.example');
    const replies: string[] = [];
    c.socket.write('STARTTLS\r\nMAIL FROM:<alice@corp.example>\r\nRCPT TO:<bob@example.net>\r\n');
    replies.push(await c.reply());
    // Nothing answers the purged lines; the next command (what the client sends "encrypted") is answered normally.
    await tick(20);
    const ehlo = await c.send('EHLO ws01.corp.example');
    expect(replies).toEqual(['220 2.0.0 Ready to start TLS']);
    expect(ehlo).toMatch(/^250-mail\.corp\.example\n/);
    expect(ehlo).not.toContain('STARTTLS');
    // Had MAIL been taken, this would be 503 nested MAIL; RCPT before MAIL would be 503 too.
    expect(await c.send('QUIT')).toBe('221 2.0.0 Bye');
    expect(mailLog(s)).not.toContain('alice@corp.example');
  });
});

describe('a command line ending in CR CR LF', () => {
  it('QUIT\\r is QUIT: 221, and the connection closes', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    expect(await c.send('EHLO outside.example.org')).toMatch(/^250-/);
    c.socket.write('QUIT\r\r\n');
    expect(await c.reply()).toBe('221 2.0.0 Bye');
    await c.closed;
  });

  it('the other commands take their argument without the CR too', async () => {
    const s = sim();
    const { c } = await open(s, 'ops.corp.example');
    c.socket.write('HELO ops.corp.example\r\r\n');
    expect(await c.reply()).toBe('250 mail.corp.example');
    c.socket.write('MAIL FROM:<root@corp.example>\r\r\n');
    expect(await c.reply()).toBe('250 2.1.0 Ok');
    c.socket.write('RCPT TO:<bob@corp.example>\r\r\n');
    expect(await c.reply()).toBe('250 2.1.5 Ok');
    expect(await c.send('QUIT')).toBe('221 2.0.0 Bye');
  });
});
