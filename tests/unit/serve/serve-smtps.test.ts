/**
 * Issue 13, port 465: submissions (`-o smtpd_tls_wrappermode=yes`) on its real port (base+65),
 * TLS from the first byte with the same certificate as STARTTLS, the same AUTH and recipient
 * rules as the service's -o overrides. Real `openssl s_client -connect` (no -starttls), real
 * `swaks --tls-on-connect`, real telnet (plain text: no banner, the handshake fails) and real
 * `nmap -sV`, which names the port ssl/smtp and runs smtp-open-relay inside TLS.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENABLE_SUBMISSIONS, attachShell, attachUntil, nmapRelay, relayVerdict, run, serve, swaks, untilOpen, type TestServe } from './serve-helpers.ts';

/** Real telnet, stdin kept open: once connected it types `line`; resolves with its output when the server hangs up. */
function telnetTypes(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('telnet', ['127.0.0.1', String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => (child.kill(), reject(new Error(`telnet still connected:\n${out}`))), 10_000);
    const take = (d: Buffer) => {
      const typed = out.includes('Escape character');
      out += d.toString('utf8');
      if (!typed && out.includes('Escape character')) child.stdin.write(line + '\n');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', () => (clearTimeout(timer), resolve(out)));
  });
}

describe('submissions on 465, with the real tools', () => {
  let s: TestServe;
  let password = '';
  beforeAll(async () => {
    s = await serve(['--scenario', 'open', '--seed', '8']);
  }, 30_000);
  afterAll(() => s?.close());

  it('listens only once master.cf enables submissions and postfix reloads', async () => {
    expect(s.banner).toMatch(new RegExp(`^  127\\.0\\.0\\.1:${s.smtpsPort} +→ mail\\.corp\\.example:465  \\(closed: not in master\\.cf; opens when it is enabled and postfix reloads\\)$`, 'm'));
    const before = await swaks(s.smtpsPort, ['--tls-on-connect', '-f', 'alice@corp.example', '-t', 'bob@example.net']);
    expect(before.code).toBe(2);
    const enable = await attachShell(s, [...ENABLE_SUBMISSIONS, 'postconf -M submissions/inet', 'grep ^alice@ /etc/sasldb2']);
    expect(enable.out).toMatch(/^submissions inet +n +- +y +- +- +smtpd -o syslog_name=postfix\/submissions -o smtpd_tls_wrappermode=yes /m);
    password = /^alice@mail\.corp\.example:(\S+)$/m.exec(enable.out)?.[1] ?? '';
    expect(password).not.toBe('');
    await untilOpen(s.smtpsPort);
  }, 30_000);

  it('openssl s_client -connect (no STARTTLS): the handshake comes first and sees mail.corp.example, then the banner', async () => {
    const r = await run('openssl', ['s_client', '-ign_eof', '-connect', `127.0.0.1:${s.smtpsPort}`], { input: 'QUIT\r\n' });
    expect(r.out).toMatch(/^subject=CN ?= ?mail\.corp\.example, O ?= ?Relay Lab \(simulated\)$/m);
    expect(r.out).toMatch(/^New, TLSv1\.3, Cipher is /m);
    // The greeting is read inside TLS, after the certificate: Postfix says nothing before the handshake.
    expect(r.out.indexOf('220 mail.corp.example ESMTP Postfix')).toBeGreaterThan(r.out.indexOf('subject='));
    expect(r.out).toContain('221 2.0.0 Bye');
  });

  it('swaks --tls-on-connect -a LOGIN submits (exit 0); without AUTH the recipient is refused (exit 24)', async () => {
    const auth = await swaks(s.smtpsPort, ['--tls-on-connect', '-a', 'LOGIN', '-au', 'alice', '-ap', password, '-f', 'alice@corp.example', '-t', 'bob@example.net']);
    expect(auth.out).toMatch(/=== Connected to 127\.0\.0\.1\.\n=== TLS started with cipher .*\n(?:=== .*\n)*<~ {2}220 mail\.corp\.example ESMTP Postfix\n/);
    expect(auth.out).not.toContain('STARTTLS');
    expect(auth.out).toContain('<~  235 2.7.0 Authentication successful');
    expect(auth.out).toMatch(/<~ {2}250 2\.0\.0 Ok: queued as [0-9A-F]+/);
    expect(auth.code).toBe(0);
    const noAuth = await swaks(s.smtpsPort, ['--tlsc', '-f', 'alice@corp.example', '-t', 'bob@example.net', '--quit-after', 'RCPT']);
    expect(noAuth.out).toContain('<~* 554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied');
    expect(noAuth.code).toBe(24);
    const log = await attachShell(s, ['ssh mail', 'grep sasl_username=alice /var/log/mail.log']);
    expect(log.out).toMatch(/postfix\/submissions\/smtpd\[\d+\]: [0-9A-F]+: client=outside\.example\.org\[192\.0\.2\.50\], sasl_method=LOGIN, sasl_username=alice/);
  }, 30_000);

  it('real telnet types plain SMTP at it: no banner, the connection is closed, mail.log says why', async () => {
    const out = await telnetTypes(s.smtpsPort, 'EHLO real.example');
    expect(out).toMatch(/^Trying 127\.0\.0\.1\.\.\.\nConnected to 127\.0\.0\.1\.\nEscape character is '\^\]'\.\n(?:\r?\n)?Connection closed by foreign host\.\n$/);
    const log = await attachUntil(s, ['ssh mail', 'grep -A1 "SSL_accept error" /var/log/mail.log'], (out) => /wrong version number/.test(out));
    expect(log.out).toMatch(/postfix\/submissions\/smtpd\[\d+\]: SSL_accept error from outside\.example\.org\[192\.0\.2\.50\]: -1\n.*postfix\/submissions\/smtpd\[\d+\]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:/);
  }, 30_000);

  it('nmap -sV names it ssl/smtp and runs smtp-open-relay inside TLS: refused as submission, open once its restriction is removed', async () => {
    const raw = await nmapRelay(s.smtpsPort);
    expect(raw).toMatch(/^\d+\/tcp open {2}ssl\/smtp Postfix smtpd$/m);
    expect(relayVerdict(raw)).toBe("Server doesn't seem to be an open relay, all tests failed");
    const rejects = await attachShell(s, ['ssh mail', 'grep -c "postfix/submissions/smtpd.*reject: RCPT.*relaytest" /var/log/mail.log']);
    expect(rejects.out).toMatch(/^16$/m);
    // The open scenario's mynetworks = 0.0.0.0/0 relays for anyone once the service stops insisting on AUTH.
    await attachShell(s, ['ssh mail', "sed -i '/^  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject$/d' /etc/postfix/master.cf", 'postfix reload']);
    expect(relayVerdict(await nmapRelay(s.smtpsPort))).toBe('Server is an open relay (16/16 tests)');
  }, 120_000);
});
