/** 8-bit text end to end: UTF-8 headers and bodies arrive byte-identical; SMTPUTF8 rules as Postfix 3.7. */
import { describe, expect, it } from 'vitest';
import { wireContent } from '../../../simulator/mail/message.ts';
import { mailLog, open, sim, tick } from './mail-helpers.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('8-bit mail on the wire', () => {
  it('Subject: café and a body line köln reach /var/mail/bob byte for byte, typed or pasted', async () => {
    for (const pasted of [false, true]) {
      const s = sim();
      const { c } = await open(s, 'outside.example.org');
      const lines = ['EHLO x.example', 'MAIL FROM:<carol@example.org>', 'RCPT TO:<bob@corp.example>', 'DATA'];
      const body = ['Subject: café', '', 'köln', 'naïve ☃ 日本'];
      if (pasted) {
        c.socket.write(Buffer.from([...lines, ...body, '.', ''].join('\r\n'), 'utf8'));
        for (let i = 0; i < lines.length; i++) await c.reply();
        expect(await c.reply()).toMatch(/^250 2\.0\.0 Ok: queued as /);
      } else {
        for (const l of lines) await c.send(l);
        for (const l of body) c.socket.write(Buffer.from(l + '\r\n', 'utf8'));
        expect(await c.send('.')).toMatch(/^250 2\.0\.0 Ok: queued as /);
      }
      s.clock.advance(60_000);
      const box = s.mailbox('bob');
      expect(box).toContain('\nSubject: café\n\nköln\nnaïve ☃ 日本\n');
    }
  });

  it('a wire message counts its size in bytes (LF line ends), as Postfix size= does', () => {
    const c = wireContent(Buffer.from('Subject: café\r\n\r\nköln\r\n', 'utf8'));
    expect(c.size).toBe(Buffer.byteLength('Subject: café\n\nköln\n'));
    expect(c.text()).toBe('Subject: café\n\nköln\n');
    expect(wireContent(Buffer.from('caf\xe9\r\n', 'latin1')).text()).toBe('caf\xe9\n');
  });

  it('a UTF-8 address is taken without SMTPUTF8 (as recorded on Postfix 3.7); with it the message is received "with UTF8SMTP"', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO client.example');
    expect(await c.send('MAIL FROM:<jörg@example.org>')).toBe('250 2.1.0 Ok');
    expect(await c.send('MAIL FROM:<alice@example.org>')).toBe('503 5.5.1 Error: nested MAIL command');
    // The test client reads bytes as latin1: the reply carries the address's own UTF-8 bytes.
    expect(await c.send('RCPT TO:<jörg@corp.example>')).toBe(bytes('550 5.1.1 <jörg@corp.example>: Recipient address rejected: User unknown in local recipient table'));
    expect(mailLog(s)).toContain(
      'NOQUEUE: reject: RCPT from outside.example.org[192.0.2.50]: 550 5.1.1 <jörg@corp.example>: Recipient address rejected: User unknown in local recipient table; from=<jörg@example.org> to=<jörg@corp.example> proto=ESMTP helo=<client.example>\n',
    );
    await c.send('RSET');
    expect(await c.send('MAIL FROM:<jörg@example.org> SMTPUTF8')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<bob@corp.example>')).toBe('250 2.1.5 Ok');
    await c.send('DATA');
    c.socket.write(Buffer.from('Subject: grüße\r\n\r\nhallo\r\n', 'utf8'));
    expect(await c.send('.')).toMatch(/^250 2\.0\.0 Ok: queued as /);
    s.clock.advance(60_000);
    const box = s.mailbox('bob');
    expect(box).toMatch(/^From jörg@example\.org  .*\nReturn-Path: <jörg@example\.org>\n/);
    expect(box).toMatch(/\tby mail\.corp\.example \(Postfix\) with UTF8SMTP id [0-9A-F]{11}\n/);
    expect(box).toContain('Subject: grüße\n\nhallo\n');
    expect(mailLog(s)).toMatch(/qmgr\[\d+\]: [0-9A-F]{11}: from=<jörg@example\.org>, size=\d+, nrcpt=1 \(queue active\)/);
  });

  it('bytes that are not UTF-8 in a command line: 500 5.5.2 bad UTF-8 syntax, the session goes on', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    c.socket.write(Buffer.from('MAIL FROM:<caf\xe9@example.org>\r\n', 'latin1'));
    expect(await c.reply()).toBe('500 5.5.2 Error: bad UTF-8 syntax');
    expect(await c.send('MAIL FROM:<a@example.org>')).toBe('250 2.1.0 Ok');
    await c.send('QUIT');
    await c.closed;
    await tick();
    expect(mailLog(s)).toMatch(/ehlo=1 mail=1 quit=1 commands=3\n$/);
  });
});
