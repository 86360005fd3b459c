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

  it('a UTF-8 address without SMTPUTF8 is refused; with SMTPUTF8 on MAIL FROM it is accepted and logged as text', async () => {
    const s = sim({ mailScenario: 'closed' });
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    expect(await c.send('MAIL FROM:<jörg@example.org>')).toBe('553 5.6.7 Must declare SMTPUTF8 to send unicode address');
    expect(await c.send('MAIL FROM:<a@example.org>')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<jürgen@corp.example>')).toBe('553 5.6.7 Must declare SMTPUTF8 to send unicode address');
    await c.send('RSET');
    expect(await c.send('MAIL FROM:<jörg@example.org> SMTPUTF8')).toBe('250 2.1.0 Ok');
    // The test client reads bytes as latin1: the reply is the address's own UTF-8 bytes.
    expect(await c.send('RCPT TO:<jürgen@exämple.net>')).toBe(bytes('554 5.7.1 <jürgen@exämple.net>: Relay access denied'));
    expect(mailLog(s)).toContain('Relay access denied; from=<jörg@example.org> to=<jürgen@exämple.net> proto=ESMTP');
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
