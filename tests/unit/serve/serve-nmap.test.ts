/**
 * Issue 13: real `nmap -sV -p PORT --script smtp-open-relay 127.0.0.1` against
 * `relaylab serve` gives the same verdict, with the same N/16, as the
 * in-simulation `relaytest` from outside, on the open, half-closed and
 * relay-domains-leak scenarios (tests/fixtures/postfix: 16/16, 1/16 and 16/16
 * on a real Postfix 3.7), and "all tests failed" after the fix.
 *
 * One difference is explained, not hidden: nmap builds its `[IP]` forms from
 * the address it scans (127.0.0.1), relaytest from the address the server is
 * published at (203.0.113.25). A half-closed server whose sender_access trusts
 * `[203.0.113.25]` therefore fails all of nmap's default tests — as a real
 * Postfix with that table would on 127.0.0.1 — and gives relaytest's 13/16
 * once nmap is told the address (`--script-args smtp-open-relay.ip=…`).
 */
import { describe, expect, it } from 'vitest';
import { halfClosedLeak } from '../../../simulator/mail/scenarios.ts';
import { attachShell, nmapRelay, relayVerdict, serve } from './serve-helpers.ts';

async function bothVerdicts(args: string[], nmapArgs: string[] = []) {
  const s = await serve(args);
  try {
    // One after the other: relaytest's 3 s patience runs on the serve's real-time clock, so it gets the process to itself.
    const nmap = await nmapRelay(s.port, nmapArgs);
    const inside = await attachShell(s, ['ssh outside', 'relaytest mail.corp.example']);
    return { nmap: relayVerdict(nmap), relaytest: relayVerdict(inside.out) ?? `(no verdict) ${inside.out}${inside.err}`, raw: nmap };
  } finally {
    s.close();
  }
}

describe('real nmap smtp-open-relay agrees with relaytest', () => {
  it('open 16/16, half-closed 1/16, relay-domains-leak 16/16, closed: all tests failed', async () => {
    const [open, half, leak, closed] = await Promise.all([
      bothVerdicts(['--scenario', 'open', '--seed', '1']),
      bothVerdicts(['--scenario', 'half-closed', '--seed', '1']),
      bothVerdicts(['--scenario', 'relay-domains-leak', '--seed', '1']),
      bothVerdicts(['--scenario', 'closed', '--seed', '1']),
    ]);
    // -sV names the high port's service from the greeting, so nmap runs the script there.
    expect(open.raw).toMatch(/^\d+\/tcp open {2}smtp {4}Postfix smtpd$/m);
    expect(open.raw).toContain('Service Info: Host:  mail.corp.example');
    expect(open).toMatchObject({ nmap: 'Server is an open relay (16/16 tests)', relaytest: 'Server is an open relay (16/16 tests)' });
    expect(half).toMatchObject({ nmap: 'Server is an open relay (1/16 tests)', relaytest: 'Server is an open relay (1/16 tests)' });
    expect(leak).toMatchObject({ nmap: 'Server is an open relay (16/16 tests)', relaytest: 'Server is an open relay (16/16 tests)' });
    const failed = "Server doesn't seem to be an open relay, all tests failed";
    expect(closed).toMatchObject({ nmap: failed, relaytest: failed });
  }, 60_000);

  it('a sender_access that trusts the published [IP]: nmap needs that address to find what relaytest finds', async () => {
    let seed = 1;
    while (halfClosedLeak(seed) !== 'address-literal') seed++;
    const lab = ['--lab', 'open-relay-test', '--seed', String(seed)];
    const [plain, told] = await Promise.all([bothVerdicts(lab), bothVerdicts(lab, ['--script-args', 'smtp-open-relay.ip=203.0.113.25'])]);
    expect(plain.relaytest).toBe('Server is an open relay (13/16 tests)');
    expect(plain.nmap).toBe("Server doesn't seem to be an open relay, all tests failed");
    expect(told.nmap).toBe('Server is an open relay (13/16 tests)');
  }, 60_000);

  it('after the fix typed with shell --attach, nmap finds no open relay', async () => {
    const s = await serve(['--lab', 'close-the-relay', '--seed', '4']);
    try {
      expect(relayVerdict(await nmapRelay(s.port))).toBe('Server is an open relay (16/16 tests)');
      await attachShell(s, [
        'ssh mail',
        "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'",
        "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'",
        'postfix reload',
      ]);
      expect(relayVerdict(await nmapRelay(s.port))).toBe("Server doesn't seem to be an open relay, all tests failed");
    } finally {
      s.close();
    }
  }, 60_000);
});
