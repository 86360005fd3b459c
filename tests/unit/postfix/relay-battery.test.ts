import { describe, expect, it } from 'vitest';
import {
  batteryPassed, batteryVerdict, checkServiceStartable, decideRecipient, relayBattery, serverNameFromGreeting,
  loadConfig, NO_RELAY_RULE_FATAL, type BatteryTest, type EffectiveConfig,
} from '../../../simulator/postfix/index.ts';
import { config, LAN, OUTSIDE, SENDER_ACCESS, SERVER_IP, SYSTEM } from './scenarios.ts';

const lookups = { maps: { 'hash:/etc/postfix/sender_access': SENDER_ACCESS } };
const battery = relayBattery({ ip: SERVER_IP, server: serverNameFromGreeting('220 mail.corp.example ESMTP Postfix')! });

function run(cfg: EffectiveConfig, ip: string) {
  return battery.map((t) => {
    const d = decideRecipient({ config: cfg, client: { ip }, helo: 'nmap.scanme.org', sender: `<${t.mailFrom}>`, recipient: `<${t.rcptTo}>`, lookups });
    return { t, d };
  });
}
const passedNumbers = (rows: ReturnType<typeof run>) => rows.filter((r) => r.d.code === 250).map((r) => r.t.n);
const ALL = Array.from({ length: 16 }, (_, i) => i + 1);

/*
 * Expected results. Each row is justified by Postfix's documented behaviour
 * and the table measured on Postfix 3.7.11 in fidelity.md.
 */
const TABLE: Array<{ cfg: Parameters<typeof config>[0]; client: string; passed: number[]; code: number; why: string }> = [
  // mynetworks = 0.0.0.0/0 makes every client "trusted": permit_mynetworks fires first. Measured: 16/16.
  { cfg: 'open', client: OUTSIDE, passed: ALL, code: 250, why: 'permit_mynetworks matches 0.0.0.0/0' },
  { cfg: 'open', client: LAN, passed: ALL, code: 250, why: 'same rule' },
  // Closed: outside client is not in mynetworks, no SASL; every form resolves to nmap.scanme.org
  // (percent hack, bang path, quoted local part and source route all end there), which is
  // neither local nor relay_domains -> reject_unauth_destination 554 5.7.1. Measured: all failed.
  { cfg: 'closed', client: OUTSIDE, passed: [], code: 554, why: 'reject_unauth_destination' },
  // A LAN workstation is in mynetworks: the server is its outbound relay, by design.
  { cfg: 'closed', client: LAN, passed: ALL, code: 250, why: 'permit_mynetworks for 10.0.0.0/24' },
  // Half-closed: `corp.example OK` also matches mail.corp.example (smtpd_access_maps is in
  // parent_domain_matches_subdomains), so only test 3 (MAIL FROM:<antispam@mail.corp.example>)
  // is permitted before reject_unauth_destination. Measured: open relay (1/16), test 3.
  { cfg: 'halfClosed', client: OUTSIDE, passed: [3], code: 554, why: 'check_sender_access OK for forged company sender' },
  { cfg: 'halfClosed', client: LAN, passed: ALL, code: 250, why: 'permit_mynetworks' },
  // Postfix's default smtpd_relay_restrictions ends in defer_unauth_destination: 454 4.7.1.
  { cfg: 'defaultDefer', client: OUTSIDE, passed: [], code: 454, why: 'defer_unauth_destination' },
  // Alternative fix: relay rule in smtpd_recipient_restrictions with an empty relay list. Same verdicts as closed.
  { cfg: 'recipientFix', client: OUTSIDE, passed: [], code: 554, why: 'reject_unauth_destination in recipient list' },
  { cfg: 'recipientFix', client: LAN, passed: ALL, code: 250, why: 'permit_mynetworks in recipient list' },
  // relay_domains = nmap.scanme.org, as measured (mydestination without the host name, so S is
  // remote): the @S forms 6, 11, 16 leave S as the destination, which is not authorised. 13/16.
  // Test 13 (@S:t@D) passes because smtpd drops the source route before resolution.
  { cfg: 'relayDomainsMeasured', client: OUTSIDE, passed: ALL.filter((n) => ![6, 11, 16].includes(n)), code: 554, why: 'S not local, not relay' },
  // On the scenario server S = $myhostname is local, so trivial-rewrite strips @S and resolves
  // tests 6, 11, 16 to nmap.scanme.org too: all 16 relay.
  { cfg: 'relayDomainsScenario', client: OUTSIDE, passed: ALL, code: 250, why: 'S is local; everything resolves to D' },
];

describe('relay battery verdicts (nmap smtp-open-relay, 16 forms)', () => {
  for (const row of TABLE) {
    it(`${row.cfg} from ${row.client}: passes ${row.passed.length}/16 (${row.why})`, () => {
      const rows = run(config(row.cfg), row.client);
      expect(passedNumbers(rows)).toEqual(row.passed);
      const failed = rows.filter((r) => r.d.code !== 250);
      for (const f of failed) {
        expect(f.d.code).toBe(row.code);
        expect(f.d.text).toMatch(/^(554 5\.7\.1|454 4\.7\.1) <[^>]+>: Relay access denied$/);
        expect(f.d.action).toBe(row.code === 454 ? 'defer' : 'reject');
      }
      for (const p of rows.filter((r) => r.d.code === 250)) {
        expect(p.d.text).toBe('250 2.1.5 Ok');
        expect(p.d.relayed).toBe(true);
        expect(p.d.local).toBe(false);
      }
    });
  }

  it('prints nmap verdicts', () => {
    const half = run(config('halfClosed'), OUTSIDE).filter((r) => batteryPassed('250 2.1.0 Ok', r.d.text)).map((r) => r.t);
    expect(batteryVerdict(half, { verbose: true })).toBe(
      'Server is an open relay (1/16 tests)\n MAIL FROM:<antispam@mail.corp.example> -> RCPT TO:<relaytest@nmap.scanme.org>',
    );
    expect(batteryVerdict([])).toBe("Server doesn't seem to be an open relay, all tests failed");
    expect(batteryVerdict(battery, { authNeeded: true })).toBe("Server isn't an open relay, authentication needed");
    expect(batteryVerdict(battery)).toBe('Server is an open relay (16/16 tests)');
  });

  it('builds the 16 pairs in nmap order', () => {
    const pairs = battery.map((t: BatteryTest) => `${t.mailFrom} -> ${t.rcptTo}`);
    expect(pairs).toEqual([
      ' -> relaytest@nmap.scanme.org',
      'antispam@nmap.scanme.org -> relaytest@nmap.scanme.org',
      'antispam@mail.corp.example -> relaytest@nmap.scanme.org',
      'antispam@[203.0.113.25] -> relaytest@nmap.scanme.org',
      'antispam@[203.0.113.25] -> relaytest%nmap.scanme.org@[203.0.113.25]',
      'antispam@[203.0.113.25] -> relaytest%nmap.scanme.org@mail.corp.example',
      'antispam@[203.0.113.25] -> "relaytest@nmap.scanme.org"',
      'antispam@[203.0.113.25] -> "relaytest%nmap.scanme.org"',
      'antispam@[203.0.113.25] -> relaytest@nmap.scanme.org@[203.0.113.25]',
      'antispam@[203.0.113.25] -> "relaytest@nmap.scanme.org"@[203.0.113.25]',
      'antispam@[203.0.113.25] -> relaytest@nmap.scanme.org@mail.corp.example',
      'antispam@[203.0.113.25] -> @[203.0.113.25]:relaytest@nmap.scanme.org',
      'antispam@[203.0.113.25] -> @mail.corp.example:relaytest@nmap.scanme.org',
      'antispam@[203.0.113.25] -> nmap.scanme.org!relaytest',
      'antispam@[203.0.113.25] -> nmap.scanme.org!relaytest@[203.0.113.25]',
      'antispam@[203.0.113.25] -> nmap.scanme.org!relaytest@mail.corp.example',
    ]);
  });
});

describe('decideRecipient details', () => {
  const closed = config('closed');
  it('normalises source routes and quoted local parts in the reply', () => {
    const d12 = decideRecipient({ config: closed, client: { ip: OUTSIDE }, sender: '<a@example.org>', recipient: '<@[203.0.113.25]:relaytest@nmap.scanme.org>' });
    expect(d12.text).toBe('554 5.7.1 <relaytest@nmap.scanme.org>: Relay access denied');
    const d7 = decideRecipient({ config: closed, client: { ip: OUTSIDE }, sender: '<a@example.org>', recipient: '<"relaytest@nmap.scanme.org">' });
    expect(d7.text).toBe('554 5.7.1 <relaytest@nmap.scanme.org>: Relay access denied');
    expect(d7.decidedBy).toBe('smtpd_relay_restrictions: reject_unauth_destination');
  });

  it('accepts local mail from outside and bare MAIL FROM:bob', () => {
    const d = decideRecipient({ config: closed, client: { ip: OUTSIDE }, sender: 'bob', recipient: '<alice@corp.example>' });
    expect(d.text).toBe('250 2.1.5 Ok');
    expect(d.local).toBe(true);
    expect(d.relayed).toBe(false);
    expect(d.sender).toBe('bob');
  });

  it('rejects unknown local users when a user list is given', () => {
    const d = decideRecipient({ config: closed, client: { ip: LAN }, sender: '<a@corp.example>', recipient: '<x@corp.example>', lookups: { localUsers: ['alice', 'bob'] } });
    expect(d.text).toBe('550 5.1.1 <x@corp.example>: Recipient address rejected: User unknown in local recipient table');
    expect(d.logReason).toBe(d.text);
  });

  it('half-closed: a foreign sender is denied, a forged company sender relays', () => {
    const cfg = config('halfClosed');
    const foreign = decideRecipient({ config: cfg, client: { ip: '198.51.100.66' }, sender: '<spam@example.org>', recipient: '<v@example.net>', lookups });
    expect(foreign.text).toBe('554 5.7.1 <v@example.net>: Relay access denied');
    const forged = decideRecipient({ config: cfg, client: { ip: '198.51.100.66' }, sender: '<ceo@corp.example>', recipient: '<v@example.net>', lookups });
    expect(forged.text).toBe('250 2.1.5 Ok');
    expect(forged.relayed).toBe(true);
    expect(forged.decidedBy).toMatch(/check_sender_access hash:\/etc\/postfix\/sender_access \(corp\.example OK\)/);
  });

  it('SASL-authenticated clients relay only when SASL is enabled', () => {
    const sasl = { username: 'alice', method: 'PLAIN' };
    const off = decideRecipient({ config: closed, client: { ip: OUTSIDE }, sender: '<alice@corp.example>', recipient: '<v@example.net>', sasl });
    expect(off.code).toBe(554);
    const on = decideRecipient({ config: closed.with({ smtpd_sasl_auth_enable: 'yes' }), client: { ip: OUTSIDE }, sender: '<alice@corp.example>', recipient: '<v@example.net>', sasl });
    expect(on.text).toBe('250 2.1.5 Ok');
  });

  it('submission service: unauthenticated clients are refused by the recipient list', () => {
    const sub = closed.with({ smtpd_recipient_restrictions: 'permit_sasl_authenticated,reject', smtpd_sasl_auth_enable: 'yes' }, 'submission');
    const d = decideRecipient({ config: sub, client: { ip: LAN }, sender: '<a@corp.example>', recipient: '<v@example.net>' });
    // permit_mynetworks passes the relay list, but the recipient list still rejects.
    expect(d.text).toBe('554 5.7.1 <v@example.net>: Recipient address rejected: Access denied');
  });

  it('client restrictions are applied at RCPT time with the Client host wording', () => {
    const cfg = closed.with({ smtpd_client_restrictions: 'permit_sasl_authenticated, reject' });
    const d = decideRecipient({ config: cfg, client: { ip: '10.0.0.23' }, sender: '<a@corp.example>', recipient: '<v@example.net>' });
    expect(d.text).toBe('554 5.7.1 <unknown[10.0.0.23]>: Client host rejected: Access denied');
  });

  it('DNSBL rejection wording', () => {
    const cfg = closed.with({ smtpd_client_restrictions: 'reject_rbl_client zen.spamhaus.org' });
    const d = decideRecipient({
      config: cfg, client: { ip: '198.51.100.66' }, sender: '<a@example.org>', recipient: '<bob@corp.example>',
      lookups: { dnsbl: (zone, ip) => (zone === 'zen.spamhaus.org' && ip === '198.51.100.66' ? '127.0.0.4' : undefined) },
    });
    expect(d.text).toBe('554 5.7.1 Service unavailable; Client host [198.51.100.66] blocked using zen.spamhaus.org');
  });

  it('untrusted routing through a relay domain is refused unless allowed', () => {
    const cfg = closed.with({ relay_domains: 'partner.example' });
    const routed = decideRecipient({ config: cfg, client: { ip: OUTSIDE }, sender: '<a@example.org>', recipient: '<v%example.net@partner.example>' });
    expect(routed.text).toBe('554 5.7.1 <v%example.net@partner.example>: Relay access denied');
    const allowed = decideRecipient({ config: cfg.with({ allow_untrusted_routing: 'yes' }), client: { ip: OUTSIDE }, sender: '<a@example.org>', recipient: '<v%example.net@partner.example>' });
    expect(allowed.text).toBe('250 2.1.5 Ok');
  });
});

describe('service startability', () => {
  it('accepts the default, closed and recipient-list fixes', () => {
    expect(checkServiceStartable(config('defaultDefer')).ok).toBe(true);
    expect(checkServiceStartable(config('closed')).ok).toBe(true);
    expect(checkServiceStartable(config('recipientFix')).ok).toBe(true);
  });
  it('refuses a config with no relay rule, with the exact fatal text', () => {
    const r = checkServiceStartable(config('noRelayRule'));
    expect(r).toEqual({ ok: false, message: NO_RELAY_RULE_FATAL, warnings: [] });
    expect(`postfix/smtpd[19320]: fatal: ${NO_RELAY_RULE_FATAL}`).toBe(
      'postfix/smtpd[19320]: fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains',
    );
  });
  it('`permit` before reject_unauth_destination: the rule after it is ignored, so smtpd refuses to start (fidelity.md)', () => {
    const c = loadConfig({ mainCf: 'mynetworks = 10.0.0.0/24\nsmtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination\n', system: SYSTEM }).config;
    expect(checkServiceStartable(c)).toEqual({
      ok: false, message: NO_RELAY_RULE_FATAL, warnings: ["restriction `reject_unauth_destination' after `permit' is ignored"],
    });
  });
});
