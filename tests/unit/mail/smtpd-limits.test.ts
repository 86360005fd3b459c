/** Postfix's limits and session ends on the wire: recipient limit, smtpd_timeout (virtual), error limit, the logged stage. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mailLog, open, runMailTool, sim, tick } from './mail-helpers.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('smtpd limits on the wire', () => {
  it('smtpd_recipient_limit: the 1001st RCPT gets 452 4.5.3, the message still goes to the first 1000', async () => {
    const s = sim();
    // postconf prints smtpd_timeout's default unexpanded, as measured on Postfix 3.7.11 (-x gives 300s).
    expect((await runMailTool(s, 'postconf', ['smtpd_recipient_limit', 'smtpd_timeout', 'smtpd_hard_error_limit'])).out).toBe(
      'smtpd_recipient_limit = 1000\nsmtpd_timeout = ${stress?{10}:{300}}s\nsmtpd_hard_error_limit = 20\n',
    );
    expect((await runMailTool(s, 'postconf', ['-x', 'smtpd_timeout'])).out).toBe('smtpd_timeout = 300s\n');
    const { c } = await open(s, 'ops.corp.example');
    await c.send('EHLO ops.corp.example');
    const lines = ['MAIL FROM:<admin@corp.example>'];
    for (let i = 0; i < 1002; i++) lines.push(`RCPT TO:<user${i}@example.com>`);
    c.socket.write(lines.map((l) => l + '\r\n').join(''));
    const replies: string[] = [];
    for (let i = 0; i < lines.length; i++) replies.push(await c.reply());
    expect(replies.filter((r) => r === '250 2.1.5 Ok')).toHaveLength(1000);
    expect(replies.slice(-2)).toEqual(['452 4.5.3 Error: too many recipients', '452 4.5.3 Error: too many recipients']);
    await c.send('DATA');
    expect(await c.send('.')).toMatch(/^250 2\.0\.0 Ok: queued as /);
    await c.send('QUIT');
    await c.closed;
    await tick();
    // Postfix counts the overshooting RCPTs as successes (recorded: rcpt=1001 for 1001 RCPTs).
    expect(mailLog(s)).toMatch(/ehlo=1 mail=1 rcpt=1002 data=1 quit=1 commands=1006\n$/);
  });

  it('smtpd_timeout runs on the virtual clock: 300 s of silence gets 421 4.4.2 and "timeout after NOOP"', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    s.clock.advance(299_000);
    await tick();
    expect(await c.send('NOOP')).toBe('250 2.0.0 Ok');
    s.clock.advance(299_000);
    await tick();
    expect(c.socket.destroyed).toBe(false);
    s.clock.advance(1_000);
    expect(await c.reply()).toBe('421 4.4.2 mail.corp.example Error: timeout exceeded');
    await c.closed;
    await tick();
    expect(mailLog(s)).toMatch(/timeout after NOOP from outside\.example\.org\[192\.0\.2\.50\]\n.*disconnect from outside\.example\.org\[192\.0\.2\.50\] ehlo=1 noop=1 commands=2\n$/);
  });

  it("smtp-server's own real-time idle timer never fires on a learner who stops to read", async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    // RSET reaches smtp-server, which re-arms its idle timer on the engine socket.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    expect(await c.send('RSET')).toBe('250 2.0.0 Ok');
    vi.advanceTimersByTime(10 * 60_000);
    vi.useRealTimers();
    expect(await c.send('RSET')).toBe('250 2.0.0 Ok');
  });

  it('a timeout in DATA and a drop in DATA name the stage and the bytes, as Postfix logs them', async () => {
    const s = sim();
    const a = (await open(s, 'outside.example.org')).c;
    for (const l of ['EHLO x.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<bob@corp.example>', 'DATA']) await a.send(l);
    a.write('Subject: half');
    await tick();
    a.socket.destroy();
    await tick(20);
    expect(mailLog(s)).toMatch(/lost connection after DATA \(15 bytes\) from outside\.example\.org\[192\.0\.2\.50\]\n.*ehlo=1 mail=1 rcpt=1 data=0\/1 commands=3\/4\n$/);

    const b = (await open(s, 'outside.example.org')).c;
    for (const l of ['EHLO x.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<bob@corp.example>', 'DATA']) await b.send(l);
    s.clock.advance(300_000);
    expect(await b.reply()).toBe('421 4.4.2 mail.corp.example Error: timeout exceeded');
    await b.closed;
    await tick();
    expect(mailLog(s)).toMatch(/timeout after DATA \(0 bytes\) from outside\.example\.org\[192\.0\.2\.50\]\n/);
  });

  it('a client leaving after the final dot without QUIT is not logged as lost (END-OF-MESSAGE)', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    for (const l of ['EHLO x.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<bob@corp.example>', 'DATA']) await c.send(l);
    expect(await c.send('.')).toMatch(/^250 /);
    c.socket.destroy();
    await tick(20);
    expect(mailLog(s)).not.toContain('lost connection');
    expect(mailLog(s)).toMatch(/disconnect from outside\.example\.org\[192\.0\.2\.50\] ehlo=1 mail=1 rcpt=1 data=1 commands=4\n$/);
  });

  it('smtpd_hard_error_limit: the 20th error is followed by 421 4.7.0 and the connection closes', async () => {
    const s = sim({ mailScenario: 'closed' });
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    await c.send('MAIL FROM:<a@example.org>');
    const lines = Array.from({ length: 25 }, (_, i) => `RCPT TO:<v${i}@example.net>`);
    c.socket.write(lines.map((l) => l + '\r\n').join(''));
    const replies: string[] = [];
    for (let i = 0; i < 21; i++) replies.push(await c.reply());
    expect(replies.slice(0, 20).every((r) => r.startsWith('554 5.7.1'))).toBe(true);
    expect(replies[20]).toBe('421 4.7.0 mail.corp.example Error: too many errors');
    await c.closed;
    await tick();
    expect(mailLog(s)).toMatch(/too many errors after RCPT from outside\.example\.org\[192\.0\.2\.50\]\n.*ehlo=1 mail=1 rcpt=0\/20 commands=2\/22\n$/);
  });

  it('DATA: 554 5.5.1 no valid recipients inside a transaction, 503 need RCPT outside one', async () => {
    const s = sim({ mailScenario: 'closed' });
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    expect(await c.send('DATA')).toBe('503 5.5.1 Error: need RCPT command');
    await c.send('MAIL FROM:<a@example.org>');
    expect(await c.send('DATA')).toBe('554 5.5.1 Error: no valid recipients');
    await c.send('RCPT TO:<victim@example.net>');
    expect(await c.send('DATA')).toBe('554 5.5.1 Error: no valid recipients');
  });

  it('VRFY goes through the recipient restrictions: relay denied from outside, logged as a VRFY reject', async () => {
    const s = sim({ mailScenario: 'closed' });
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    expect(await c.send('VRFY victim@example.net')).toBe('554 5.7.1 <victim@example.net>: Relay access denied');
    expect(await c.send('VRFY bob@corp.example')).toBe('252 2.0.0 bob@corp.example');
    expect(mailLog(s)).toMatch(/NOQUEUE: reject: VRFY from outside\.example\.org\[192\.0\.2\.50\]: 554 5\.7\.1 <victim@example\.net>: Relay access denied; to=<victim@example\.net> proto=ESMTP helo=<x\.example>\n/);
  });
});

describe('smtpd limits in the bulk model', () => {
  it('a session cut off at 20 errors delivers nothing, not even to the recipients accepted before', () => {
    const s = sim({ mailScenario: 'closed' });
    const r = s.mailServer.runSession({
      client: { ip: '192.0.2.50' }, service: 'smtp', helo: 'bot.example', mailFrom: 'spam@example.org',
      rcptTo: ['bob@corp.example', ...Array.from({ length: 20 }, (_, i) => `v${i}@example.net`)], message: { subject: 'x', size: 100 },
    });
    expect(r.accepted).toEqual([]);
    expect(r.queueId).toBeUndefined();
    expect(r.rejected[20]).toEqual({ rcpt: 'bob@corp.example', reply: '421 4.7.0 mail.corp.example Error: too many errors' });
    s.clock.advance(60_000);
    expect(s.mailbox('bob')).toBe('');
  });

  it('a bot with 25 refused recipients is cut off at 20 errors, as on the wire', () => {
    const s = sim({ mailScenario: 'closed' });
    const r = s.mailServer.runSession({
      client: { ip: '192.0.2.50' }, service: 'smtp', helo: 'bot.example', mailFrom: 'spam@example.org',
      rcptTo: Array.from({ length: 25 }, (_, i) => `v${i}@example.net`), message: { subject: 'x', size: 100 },
    });
    expect(r.rejected).toHaveLength(20);
    expect(r.reply).toBe('421 4.7.0 mail.corp.example Error: too many errors');
    expect(mailLog(s)).toMatch(/too many errors after RCPT from outside\.example\.org\[192\.0\.2\.50\]\n.*ehlo=1 mail=1 rcpt=0\/20 commands=2\/22\n$/);
  });
});
