/** Smaller Postfix behaviours a learner meets at the keyboard. */
import { describe, expect, it } from 'vitest';
import { mailLog, open, sim, tick } from './mail-helpers.ts';

describe('dialogue details', () => {
  it('MAIL without HELO is accepted (Postfix does not insist), bare sender gets $myorigin in the queue', async () => {
    const s = sim({ mailScenario: 'closed' });
    const { c } = await open(s, 'outside.example.org');
    expect(await c.send('MAIL FROM:bob')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<v@example.net>')).toBe('554 5.7.1 <v@example.net>: Relay access denied');
    expect(await c.send('RCPT TO:<alice@corp.example>')).toBe('250 2.1.5 Ok');
    await c.send('DATA');
    c.write('hi');
    expect(await c.send('.')).toMatch(/^250 2\.0\.0 Ok: queued as /);
    await c.send('QUIT');
    await c.closed;
    await tick();
    const log = mailLog(s);
    expect(log).toContain('Relay access denied; from=<bob> to=<v@example.net> proto=SMTP\n');
    expect(log).toMatch(/qmgr\[\d+\]: [0-9A-F]{11}: from=<bob@corp\.example>, size=\d+, nrcpt=1 \(queue active\)/);
    expect(log).toMatch(/disconnect from outside\.example\.org\[192\.0\.2\.50\] mail=1 rcpt=1\/2 data=1 quit=1 commands=4\/5\n$/);
  });

  it('VRFY answers 252 for deliverable names and 550 5.1.1 for unknown local users', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    expect(await c.send('VRFY bob')).toBe('252 2.0.0 bob');
    expect(await c.send('VRFY nobody@corp.example')).toBe('550 5.1.1 <nobody@corp.example>: Recipient address rejected: User unknown in local recipient table');
    expect(await c.send('VRFY')).toBe('501 5.5.4 Syntax: VRFY address');
    expect(await c.send('HELO a.example')).toBe('250 mail.corp.example');
    expect(await c.send('FOO')).toBe('500 5.5.2 Error: command not recognized');
  });

  it('PIPELINING: replies come back in order with Postfix texts', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO p.example');
    c.socket.write('MAIL FROM:<a@example.org>\r\nRCPT TO:<bob@corp.example>\r\nRCPT TO:<ghost@corp.example>\r\nDATA\r\n');
    expect([await c.reply(), await c.reply(), await c.reply(), await c.reply()]).toEqual([
      '250 2.1.0 Ok',
      '250 2.1.5 Ok',
      '550 5.1.1 <ghost@corp.example>: Recipient address rejected: User unknown in local recipient table',
      '354 End data with <CR><LF>.<CR><LF>',
    ]);
  });
});
