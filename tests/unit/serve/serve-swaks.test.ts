/**
 * Issue 13: real Debian `swaks` against `relaylab serve --lab close-the-relay`:
 * a relay attempt from outside is accepted by the open lab (exit 0) and
 * refused (exit 24) once the fix is applied with `relaylab shell --attach`,
 * which `relaylab check --attach` then grades on the same live network;
 * authenticated submission on 587 with `-tls -a LOGIN` succeeds once master.cf
 * enables it, and without AUTH the relay is refused. --as decides who the
 * real client is inside, and so its relay decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENABLE_SUBMISSION, attachCheck, attachShell, serve, swaks, type TestServe } from './serve-helpers.ts';

const RELAY = ['-f', 'spam@example.org', '-t', 'victim@example.net', '--quit-after', 'RCPT'];

describe('real swaks on the served lab', () => {
  let s: TestServe;
  beforeAll(async () => {
    s = await serve(['--lab', 'close-the-relay', '--seed', '11']);
  });
  afterAll(() => s?.close());

  it('relays for outside on the open lab, refuses after the fix typed with shell --attach, and check --attach grades it', async () => {
    const before = await swaks(s.port, RELAY);
    expect(before.code).toBe(0);
    expect(before.out).toContain('<-  250 2.1.5 Ok');

    const fix = await attachShell(s, [
      'ssh mail',
      "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'",
      "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'",
      'postfix reload',
    ]);
    expect(fix.code).toBe(0);
    expect(fix.out).toContain('postfix/postfix-script: refreshing the Postfix mail system');

    const after = await swaks(s.port, RELAY);
    expect(after.code).toBe(24);
    expect(after.out).toContain('<** 554 5.7.1 <victim@example.net>: Relay access denied');

    const graded = await attachCheck(s);
    expect(graded.out).toMatch(/^Close the relay, keep the mail \(lab close-the-relay, seed 11\)\n/);
    expect(graded.out).toMatch(/^PASS {2}1\. Close the relay and reload: /m);
    // The seeded spam is still queued: the lab is not complete, so check exits 1.
    expect(graded.out).toMatch(/^FAIL {2}3\. /m);
    expect(graded.code).toBe(1);

    // The Ctrl-C summary counts what real clients tried.
    expect(s.summary.text()).toContain('relay attempts: 1 accepted, 1 refused');
  });

  it('submission on 587: refused until master.cf enables it; then -tls -a LOGIN relays and plain swaks is refused', async () => {
    const closed = await swaks(s.submissionPort, ['-tls', '-f', 'alice@corp.example', '-t', 'bob@example.net']);
    expect(closed.code).toBe(2);
    const enable = await attachShell(s, [...ENABLE_SUBMISSION, 'grep ^alice@ /etc/sasldb2']);
    const password = /^alice@mail\.corp\.example:(\S+)$/m.exec(enable.out)?.[1];
    expect(password).toBeTruthy();

    const auth = await swaks(s.submissionPort, ['-tls', '-a', 'LOGIN', '-au', 'alice', '-ap', password!, '-f', 'alice@corp.example', '-t', 'bob@example.net']);
    expect(auth.out).toContain('=== TLS started with cipher');
    expect(auth.out).toContain('<~  235 2.7.0 Authentication successful');
    expect(auth.out).toMatch(/<~ {2}250 2\.0\.0 Ok: queued as [0-9A-F]+/);
    expect(auth.code).toBe(0);

    const noAuth = await swaks(s.submissionPort, ['-tls', '-f', 'alice@corp.example', '-t', 'bob@example.net']);
    // The fixed relay rules refuse first (on the open lab it would be the submission service's own 'Access denied').
    expect(noAuth.out).toContain('<~* 554 5.7.1 <bob@example.net>: Relay access denied');
    expect(noAuth.code).toBe(24);

    const log = await attachShell(s, ['ssh mail', 'grep sasl_username=alice /var/log/mail.log']);
    expect(log.out).toMatch(/postfix\/submission\/smtpd\[\d+\]: [0-9A-F]+: client=outside\.example\.org\[192\.0\.2\.50\], sasl_method=LOGIN, sasl_username=alice/);
  });
});

describe('--as: who the real client is inside the simulation', () => {
  it('on the closed server, ws07 (a LAN client in mynetworks) may relay and outside may not', async () => {
    const lan = await serve(['--scenario', 'closed', '--seed', '3', '--as', 'ws07']);
    const out = await serve(['--scenario', 'closed', '--seed', '3']);
    try {
      const fromLan = await swaks(lan.port, RELAY);
      const fromOutside = await swaks(out.port, RELAY);
      expect(fromLan.code).toBe(0);
      expect(fromOutside.code).toBe(24);
      const log = await attachShell(lan, ['ssh mail', 'grep "connect from" /var/log/mail.log']);
      expect(log.out).toMatch(/postfix\/smtpd\[\d+\]: connect from ws07\.corp\.example\[10\.0\.0\.107\]/);
    } finally {
      lan.close();
      out.close();
    }
  });
});
