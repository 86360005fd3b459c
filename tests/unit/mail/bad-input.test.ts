/** Hostile and careless input on the wire: clear Postfix replies, no crash, no lost mail. */
import { describe, expect, it } from 'vitest';
import { mailLog, open, sim } from './mail-helpers.ts';

describe('bad input on the wire', () => {
  it('a 1000-character address gets a proper reply and the session goes on', async () => {
    const s = sim({ mailScenario: 'closed' });
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    expect(await c.send('MAIL FROM:<someone@example.org>')).toBe('250 2.1.0 Ok');
    const long = 'a'.repeat(1000 - '@example.net'.length) + '@example.net';
    expect(await c.send(`RCPT TO:<${long}>`)).toBe(`554 5.7.1 <${long}>: Relay access denied`);
    expect(await c.send(`RCPT TO:<${'b'.repeat(3000)}@corp.example>`)).toBe('501 5.1.3 Bad recipient address syntax');
    expect(await c.send('NOOP')).toBe('250 2.0.0 Ok');
  });

  it('NUL bytes in addresses are syntax errors; 8-bit body bytes arrive intact', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    expect(await c.send('MAIL FROM:<a\0b@example.org>')).toBe('501 5.1.7 Bad sender address syntax');
    expect(await c.send('MAIL FROM:<carol@example.org>')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<b\0ob@corp.example>')).toBe('501 5.1.3 Bad recipient address syntax');
    expect(await c.send('RCPT TO:<bob@corp.example>')).toBe('250 2.1.5 Ok');
    await c.send('DATA');
    c.socket.write(Buffer.from('Subject: caf\xe9\r\n\r\nna\xefve \x00 bytes\r\n', 'latin1'));
    expect(await c.send('.')).toMatch(/^250 2\.0\.0 Ok: queued as /);
    expect(s.mailbox('bob')).toContain('Subject: caf\xe9\n\nna\xefve \x00 bytes\n');
  });

  it('10 MB of DATA over message_size_limit: 552 5.3.4, session survives, the next message is delivered', async () => {
    const s = sim();
    s.machine('mail').fs.append('/etc/postfix/main.cf', 'message_size_limit = 1048576\n');
    expect(s.mailServer.reload().ok).toBe(true);
    const { c } = await open(s, 'outside.example.org');
    expect(await c.send('EHLO x.example')).toContain('250-SIZE 1048576');
    expect(await c.send('MAIL FROM:<carol@example.org> SIZE=2000000')).toBe('552 5.3.4 Message size exceeds fixed limit');
    await c.send('MAIL FROM:<carol@example.org>');
    await c.send('RCPT TO:<bob@corp.example>');
    await c.send('DATA');
    const line = 'x'.repeat(998) + '\r\n';
    const chunk = line.repeat(1000);
    for (let i = 0; i < 10; i++) c.socket.write(chunk);
    expect(await c.send('.')).toBe('552 5.3.4 Message size exceeds fixed limit');
    expect(await c.send('NOOP')).toBe('250 2.0.0 Ok');
    expect(s.mailbox('bob')).toBe('');
    await c.send('MAIL FROM:<carol@example.org>');
    await c.send('RCPT TO:<bob@corp.example>');
    await c.send('DATA');
    c.write('Subject: small');
    c.write('');
    c.write('fits');
    expect(await c.send('.')).toMatch(/^250 2\.0\.0 Ok: queued as /);
    expect(s.mailbox('bob')).toContain('\nfits\n');
    await c.send('QUIT');
    expect(s.mailServer.stats.received).toBe(1);
  });

  it('a client that hangs up mid-transaction is logged as lost connection', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    await c.send('EHLO x.example');
    await c.send('MAIL FROM:<a@example.org>');
    c.socket.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(mailLog(s)).toMatch(/lost connection after MAIL from outside\.example\.org\[192\.0\.2\.50\]\n.*disconnect from outside\.example\.org\[192\.0\.2\.50\] ehlo=1 mail=1 commands=2\n/);
  });
});
