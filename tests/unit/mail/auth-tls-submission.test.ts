/** Submission (587) per fidelity.md's master.cf block: STARTTLS simulated in the tab, SASL AUTH against /etc/sasldb2. */
import { describe, expect, it } from 'vitest';
import { b64 } from '../helpers/master-cf.ts';
import { enableSubmission, mailLog, open, password, runMailTool, sim } from './mail-helpers.ts';


const run = runMailTool;

describe('submission, STARTTLS and AUTH', () => {
  it('587 is closed until master.cf enables submission and postfix reloads', async () => {
    const s = sim();
    await expect(s.network.connect('ops.corp.example', 'mail.corp.example', 587)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    enableSubmission(s);
    const { greeting } = await open(s, 'ops.corp.example', 587);
    expect(greeting).toBe('220 mail.corp.example ESMTP Postfix');
  });

  it('requires TLS before MAIL and AUTH, then authenticates and relays', async () => {
    const s = sim();
    enableSubmission(s);
    const { c } = await open(s, 'ws01.corp.example', 587);
    const ehlo = await c.send('EHLO ws01.corp.example');
    expect(ehlo).toContain('250-STARTTLS');
    expect(ehlo).not.toContain('AUTH');
    expect(await c.send('MAIL FROM:<alice@corp.example>')).toBe('530 5.7.0 Must issue a STARTTLS command first');
    expect(await c.send('AUTH PLAIN ' + b64('\0alice\0x'))).toBe('503 5.5.1 Error: authentication not enabled');
    expect(await c.send('STARTTLS')).toBe('220 2.0.0 Ready to start TLS');
    const ehlo2 = await c.send('EHLO ws01.corp.example');
    expect(ehlo2).toContain('250-AUTH PLAIN LOGIN');
    expect(ehlo2).not.toContain('STARTTLS');
    expect(await c.send('STARTTLS')).toBe('554 5.5.1 Error: TLS already active');
    expect(await c.send('MAIL FROM:<alice@corp.example>')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<bob@example.net>')).toBe('554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied');
    expect(await c.send('RSET')).toBe('250 2.0.0 Ok');
    expect(await c.send('AUTH LOGIN')).toBe('334 VXNlcm5hbWU6');
    expect(await c.send(b64('alice'))).toBe('334 UGFzc3dvcmQ6');
    expect(await c.send(b64('wrong'))).toBe('535 5.7.8 Error: authentication failed: authentication failure');
    expect(await c.send('AUTH PLAIN ' + b64(`\0alice\0${password(s, 'alice')}`))).toBe('235 2.7.0 Authentication successful');
    expect(await c.send('AUTH PLAIN ' + b64(`\0alice\0${password(s, 'alice')}`))).toBe('503 5.5.1 Error: already authenticated');
    expect(await c.send('MAIL FROM:<alice@corp.example>')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<bob@example.net>')).toBe('250 2.1.5 Ok');
    await c.send('QUIT');
    const log = mailLog(s);
    expect(log).toMatch(/postfix\/submission\/smtpd\[\d+\]: warning: ws01\.corp\.example\[10\.0\.0\.101\]: SASL LOGIN authentication failed: authentication failure/);
    expect(log).toMatch(/postfix\/submission\/smtpd\[\d+\]: [0-9A-F]{11}: client=ws01\.corp\.example\[10\.0\.0\.101\], sasl_method=PLAIN, sasl_username=alice/);
  });

  it('port 25 offers neither STARTTLS nor AUTH by default, and STARTTLS is not implemented there', async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    const ehlo = await c.send('EHLO x.example');
    expect(ehlo).not.toMatch(/STARTTLS|AUTH/);
    expect(await c.send('STARTTLS')).toBe('502 5.5.1 Error: command not implemented');
    expect(await c.send('AUTH LOGIN')).toBe('503 5.5.1 Error: authentication not enabled');
  });

  it('saslpasswd2 changes a password at once; sasldblistusers2 lists users', async () => {
    const s = sim();
    enableSubmission(s);
    expect((await run(s, 'saslpasswd2', ['-p', 'bob'], 'n3w-Secret\n')).code).toBe(0);
    expect((await run(s, 'sasldblistusers2', [])).out).toContain('bob@mail.corp.example: userPassword\n');
    const r = s.mailServer.runSession({ client: { ip: '10.0.0.10' }, service: 'submission', helo: 'ops', tls: true, sasl: { username: 'bob', password: 'n3w-Secret', method: 'LOGIN' }, mailFrom: 'bob@corp.example', rcptTo: ['x@example.net'], message: { subject: 'hi', size: 500 } });
    expect(r).toMatchObject({ connected: true, authOk: true, accepted: ['x@example.net'] });
    expect((await run(s, 'saslpasswd2', ['-c', 'carol'], 'a\nb\n')).err).toContain("passwords don't match");
  });
});
