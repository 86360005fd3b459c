/**
 * Port 465 (submissions, `-o smtpd_tls_wrappermode=yes`), as Debian's master.cf ships it commented
 * out below submission: TLS from the first byte, then the same AUTH and recipient restrictions as
 * 587. The log lines of a client that does not speak TLS are those of Postfix 3.7.11 measured on
 * Debian 12 (`EHLO x` typed at the port; a client that connects and leaves).
 */
import { describe, expect, it } from 'vitest';
import { SCENARIO_MASTER_CF, SUBMISSIONS_SERVICE, commentedOut } from '../../../simulator/mail/scenarios.ts';
import { b64, enableServiceLines } from '../helpers/master-cf.ts';
import { TestSmtpClient } from '../helpers/smtp-client.ts';
import { shell } from '../shell/run-shell.ts';
import { enableSubmission, mailLog, password, sim, tick } from './mail-helpers.ts';

const ENABLE = [...enableServiceLines('submissions'), 'exit'];

const enableSubmissions = (s: ReturnType<typeof sim>) => enableSubmission(s, SUBMISSIONS_SERVICE);

describe('submissions (465): TLS from the first byte', () => {
  it('ships commented out in master.cf; 465 is closed until it is enabled and postfix reloads', async () => {
    expect(SCENARIO_MASTER_CF).toContain(commentedOut(SUBMISSIONS_SERVICE));
    expect(SCENARIO_MASTER_CF).toContain('#  -o smtpd_tls_wrappermode=yes\n');
    const s = sim();
    await expect(s.network.connect('outside.example.org', 'mail.corp.example', 465)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    enableSubmissions(s);
    const socket = await s.network.connect('outside.example.org', 'mail.corp.example', 465);
    expect(socket.tlsOnConnect).toBe(true);
    socket.destroy();
  });

  it('greets only after the handshake; no STARTTLS, AUTH without it, the submission restrictions', async () => {
    const s = sim();
    enableSubmissions(s);
    const socket = await s.network.connect('outside.example.org', 'mail.corp.example', 465);
    const c = new TestSmtpClient(socket);
    let greeted = false;
    const greeting = c.reply().then((g) => ((greeted = true), g));
    await tick(20);
    // smtpd waits for the ClientHello: nothing is said in plain text.
    expect(greeted).toBe(false);
    socket.tlsHandshake();
    expect(await greeting).toBe('220 mail.corp.example ESMTP Postfix');
    const ehlo = await c.send('EHLO client.example');
    expect(ehlo).toContain('250-AUTH PLAIN LOGIN');
    expect(ehlo).not.toContain('STARTTLS');
    expect(await c.send('STARTTLS')).toBe('554 5.5.1 Error: TLS already active');
    expect(await c.send('MAIL FROM:<alice@corp.example>')).toBe('250 2.1.0 Ok');
    // The open scenario's mynetworks lets the relay rules pass; the service's own recipient restrictions refuse.
    expect(await c.send('RCPT TO:<bob@example.net>')).toBe('554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied');
    expect(await c.send('RSET')).toBe('250 2.0.0 Ok');
    expect(await c.send('AUTH PLAIN ' + b64(`\0alice\0${password(s, 'alice')}`))).toBe('235 2.7.0 Authentication successful');
    expect(await c.send('MAIL FROM:<alice@corp.example>')).toBe('250 2.1.0 Ok');
    expect(await c.send('RCPT TO:<bob@example.net>')).toBe('250 2.1.5 Ok');
    await c.send('QUIT');
    await c.closed;
    await tick();
    expect(mailLog(s)).toMatch(/postfix\/submissions\/smtpd\[\d+\]: disconnect from outside\.example\.org\[192\.0\.2\.50\] ehlo=1 starttls=0\/1 auth=1 mail=2 rcpt=1\/2 rset=1 quit=1 commands=7\/9$/m);
  });

  it('a client that types SMTP at it fails the handshake: smtpd hangs up without a word and logs what OpenSSL said', async () => {
    const s = sim();
    enableSubmissions(s);
    const socket = await s.network.connect('outside.example.org', 'mail.corp.example', 465);
    let heard = '';
    socket.on('data', (d: Buffer) => (heard += d.toString()));
    const closed = new Promise((r) => socket.once('close', r));
    socket.write('EHLO x\r\n');
    await closed;
    await tick();
    expect(heard).toBe('');
    const lines = mailLog(s).split('\n').filter((l) => l.includes('postfix/submissions/smtpd')).map((l) => l.replace(/^.*?smtpd\[\d+\]: /, ''));
    expect(lines).toEqual([
      'connect from outside.example.org[192.0.2.50]',
      'SSL_accept error from outside.example.org[192.0.2.50]: -1',
      'warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:../ssl/record/ssl3_record.c:350:',
      'lost connection after CONNECT from outside.example.org[192.0.2.50]',
      'disconnect from outside.example.org[192.0.2.50] commands=0/0',
    ]);
  });

  it('a client that connects and leaves before the handshake: SSL_accept error, lost connection', async () => {
    const s = sim();
    enableSubmissions(s);
    const socket = await s.network.connect('outside.example.org', 'mail.corp.example', 465);
    socket.destroy();
    await tick(20);
    expect(mailLog(s)).toMatch(/smtpd\[\d+\]: SSL_accept error from outside\.example\.org\[192\.0\.2\.50\]: lost connection\n.*smtpd\[\d+\]: lost connection after CONNECT from outside\.example\.org\[192\.0\.2\.50\]\n/);
  });
});

describe('the simulated tools on 465', () => {
  it('telnet gets no banner, and the connection closes at the first line typed', () => {
    const { out } = shell([...ENABLE, 'ssh outside', 'telnet mail.corp.example 465', 'EHLO outside.example.org', 'echo after'], 7, ['--no-world']);
    expect(out).toContain('Connected to mail.corp.example.');
    expect(out).not.toContain('220 mail.corp.example');
    expect(out).toContain('Connection closed by foreign host.');
    expect(out).toContain('after');
  });

  it('swaks --tls-on-connect: authenticated submission succeeds (exit 0), without AUTH it is refused (24), on port 25 TLS fails (29)', () => {
    const pw = password(sim(), 'alice');
    const { out } = shell([
      ...ENABLE,
      'ssh outside',
      `swaks -s mail.corp.example -p 465 --tls-on-connect -a LOGIN -au alice -ap ${pw} -f alice@corp.example -t bob@example.net`,
      'echo rc=$?',
      'swaks -s mail.corp.example -p 465 --tlsc -f alice@corp.example -t bob@example.net --quit-after RCPT',
      'echo rc=$?',
      'swaks -s mail.corp.example -p 25 --tlsc -f alice@corp.example -t bob@example.net',
      'echo rc=$?',
    ], 7, ['--no-world']);
    const [auth, noAuth, plain] = out.split(/^rc=\d+$/m);
    expect(auth).toMatch(/=== Connected to mail\.corp\.example\.\n=== TLS started with cipher TLSv1\.3:TLS_AES_256_GCM_SHA384:256\n=== TLS no local certificate set\n=== TLS peer DN="\/CN=mail\.corp\.example"\n<~ {2}220 mail\.corp\.example ESMTP Postfix\n ~> EHLO outside/);
    expect(auth).toContain('<~  235 2.7.0 Authentication successful');
    expect(auth).toMatch(/<~ {2}250 2\.0\.0 Ok: queued as [0-9A-F]+/);
    expect(noAuth).toContain('<~* 554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied');
    expect(plain).toContain('*** TLS startup failed (connect(): error:0A00010B:SSL routines::wrong version number)');
    expect(out.match(/^rc=\d+$/gm)).toEqual(['rc=0', 'rc=24', 'rc=29']);
  });
});
