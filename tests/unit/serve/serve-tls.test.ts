/**
 * Issue 13: real TLS on the served ports. `openssl s_client -starttls smtp`
 * completes a handshake and sees the lab's host name in the certificate; a
 * client that rejects the self-signed certificate does not crash the process
 * (the session ends as a lost connection after STARTTLS); port 25 offers
 * STARTTLS once main.cf does; the certificate is cached between runs.
 */
import { X509Certificate } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCertificate } from '../../../cli/serve/tls-cert.ts';
import { ENABLE_SUBMISSION, attachShell, attachUntil, run, serve, swaks, type TestServe } from './serve-helpers.ts';

const sClient = (port: number, extra: string[] = []) =>
  // -ign_eof: after our QUIT, read until the server hangs up (and a line starting with Q is not s_client's own quit).
  run('openssl', ['s_client', '-starttls', 'smtp', '-ign_eof', '-connect', `127.0.0.1:${port}`, ...extra], { input: 'QUIT\r\n' });

describe('STARTTLS with a real handshake', () => {
  let s: TestServe;
  beforeAll(async () => {
    s = await serve(['--scenario', 'open', '--seed', '8']);
    await attachShell(s, [...ENABLE_SUBMISSION]);
  });
  afterAll(() => s?.close());

  it('openssl s_client -starttls smtp on 587 completes the handshake and sees mail.corp.example', async () => {
    const r = await sClient(s.submissionPort);
    expect(r.out).toMatch(/^subject=CN ?= ?mail\.corp\.example, O ?= ?Relay Lab \(simulated\)$/m);
    expect(r.out).toMatch(/^New, TLSv1\.3, Cipher is /m);
    // Self-signed: openssl says so and, without -verify_return_error, carries on.
    expect(r.out).toMatch(/Verify return code: 18 \(self[- ]signed certificate\)/);
    // Inside TLS, the session goes on: QUIT is answered.
    expect(r.out).toContain('221 2.0.0 Bye');
  });

  it('a client that rejects the certificate ends its session; serve keeps serving', async () => {
    const r = await sClient(s.submissionPort, ['-verify_return_error']);
    expect(r.code).not.toBe(0);
    expect(r.err + r.out).toMatch(/self[- ]signed certificate/);
    const next = await swaks(s.port, ['-f', 'a@example.org', '-t', 'bob@corp.example', '--quit-after', 'RCPT']);
    expect(next.code).toBe(0);
    const log = await attachUntil(s, ['ssh mail', 'grep "after STARTTLS" /var/log/mail.log'], (out) => /lost connection after STARTTLS/.test(out));
    expect(log.out).toMatch(/postfix\/submission\/smtpd\[\d+\]: lost connection after STARTTLS from outside\.example\.org\[192\.0\.2\.50\]/);
  });

  it('port 25 offers STARTTLS once main.cf does (smtpd_tls_security_level = may)', async () => {
    const before = await sClient(s.port);
    expect(before.err + before.out).toContain("Didn't find STARTTLS in server response");
    expect(before.out).not.toMatch(/^subject=/m);
    await attachShell(s, ['ssh mail', "postconf -e 'smtpd_tls_security_level = may'", 'postfix reload']);
    const after = await sClient(s.port);
    expect(after.out).toMatch(/^subject=CN ?= ?mail\.corp\.example/m);
    expect(after.out).toContain('221 2.0.0 Bye');
  });
});

/** Replies from a real socket, one complete reply at a time (multi-line joined with \n). */
function replies(sock: Socket | import('node:tls').TLSSocket) {
  let buf = '';
  const waiting: Array<(r: string) => void> = [];
  const drain = () => {
    for (let m; waiting.length && (m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\r?\n/.exec(buf)); ) {
      buf = buf.slice(m[0].length);
      waiting.shift()!(m[0].trimEnd().replace(/\r\n/g, '\n'));
    }
  };
  const onData = (d: Buffer) => {
    buf += d.toString('latin1');
    drain();
  };
  sock.on('data', onData);
  return {
    next: () => new Promise<string>((resolve) => (waiting.push(resolve), drain())),
    stop: () => sock.removeListener('data', onData),
    pending: () => buf,
  };
}

/** The real port opens on the serve's next clock tick after `postfix reload`: try again while it refuses. */
async function connectWhenOpen(port: number, tries = 40): Promise<Socket> {
  for (let i = 0; ; i++) {
    const sock = tcpConnect({ host: '127.0.0.1', port });
    const ok = await new Promise<boolean>((resolve, reject) => {
      sock.once('connect', () => resolve(true));
      sock.once('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' && i < tries ? resolve(false) : reject(e)));
    });
    if (ok) return sock;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('plain text pipelined after STARTTLS, from a real client', () => {
  let s: TestServe;
  beforeAll(async () => {
    s = await serve(['--scenario', 'open', '--seed', '8']);
    await attachShell(s, [...ENABLE_SUBMISSION]);
  });
  afterAll(() => s?.close());

  it('is discarded, as Postfix does: the handshake follows the 220, and inside TLS the first reply is to the first encrypted command', async () => {
    const plain = await connectWhenOpen(s.submissionPort);
    const r = replies(plain);
    expect(await r.next()).toMatch(/^220 /);
    plain.write('EHLO real.example\r\n');
    expect(await r.next()).toContain('250-STARTTLS');
    plain.write('STARTTLS\r\nMAIL FROM:<alice@corp.example>\r\nEHLO plain.example\r\n');
    expect(await r.next()).toBe('220 2.0.0 Ready to start TLS');
    r.stop();
    expect(r.pending()).toBe('');
    const secure = tlsConnect({ socket: plain, rejectUnauthorized: false, servername: 'mail.corp.example' });
    await new Promise<void>((resolve, reject) => (secure.once('secureConnect', resolve), secure.once('error', reject)));
    const t = replies(secure);
    secure.write('NOOP\r\n');
    expect(await t.next()).toBe('250 2.0.0 Ok');
    secure.write('QUIT\r\n');
    expect(await t.next()).toBe('221 2.0.0 Bye');
    secure.destroy();
  });
});

describe('the certificate', () => {
  it('is made for the lab host names and cached: the second run reads the same one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relaylab-cert-'));
    try {
      const first = await serveCertificate(['mail.corp.example', 'corp.example', 'localhost'], dir);
      const second = await serveCertificate(['mail.corp.example', 'corp.example', 'localhost'], dir);
      expect(first.cached).toBe(false);
      expect(second.cached).toBe(true);
      expect(second.cert).toBe(first.cert);
      const x = new X509Certificate(first.cert);
      expect(x.subjectAltName).toBe('DNS:mail.corp.example, DNS:corp.example, DNS:localhost, IP Address:127.0.0.1');
      expect(x.checkHost('mail.corp.example')).toBe('mail.corp.example');
      const other = await serveCertificate(['mail.other.example'], dir);
      expect(other.cached).toBe(false);
      expect(other.fingerprint).not.toBe(first.fingerprint);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
