import { describe, expect, it } from 'vitest';
import { checkMailFrom, decideRecipient, loadConfig, parsePath, formatDiagnostic } from '../../../simulator/postfix/index.ts';
import { config, LAN, OUTSIDE, SYSTEM } from './scenarios.ts';

const closed = config('closed');
const rcpt = (recipient: string, ip = OUTSIDE) => decideRecipient({ config: closed, client: { ip }, sender: '<a@example.org>', recipient });

describe('malformed addresses never throw', () => {
  it('1000-character local part: parsed, then refused as relay', () => {
    const local = 'x'.repeat(1000 - '@example.net'.length);
    const d = rcpt(`<${local}@example.net>`);
    expect(d.code).toBe(554);
    expect(d.text).toBe(`554 5.7.1 <${local}@example.net>: Relay access denied`);
  });
  it('1000-character domain: bad recipient address syntax (label over 63)', () => {
    const d = rcpt(`<v@${'d'.repeat(990)}.example>`);
    expect(d.text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(d.logReason).toBeUndefined();
  });
  it('over-long command line path', () => {
    expect(rcpt(`<${'a'.repeat(3000)}@example.net>`).text).toBe('501 5.1.3 Bad recipient address syntax');
  });
  it('NUL and control bytes', () => {
    expect(rcpt('<a\u0000b@example.net>').text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(parsePath('<a\u0000@x>', 'sender')).toEqual({ ok: false, reply: '501 5.1.7 Bad sender address syntax' });
  });
  it('8-bit input: invalid UTF-8 vs a UTF-8 domain without SMTPUTF8', () => {
    expect(rcpt('<caf\uFFFD@example.net>').text).toBe('500 5.5.2 Error: bad UTF-8 syntax');
    expect(rcpt('<v@exämple.net>').text).toBe('501 5.1.3 Bad recipient address syntax');
    const utf8 = decideRecipient({ config: closed, client: { ip: LAN }, sender: '<a@corp.example>', recipient: '<v@exämple.net>', smtputf8: true });
    expect(utf8.text).toBe('250 2.1.5 Ok');
    // Historically Postfix lets non-ASCII through in the local part.
    expect(decideRecipient({ config: closed, client: { ip: LAN }, sender: '<a@corp.example>', recipient: '<josé@example.net>' }).text).toBe('250 2.1.5 Ok');
  });
  it('syntax errors', () => {
    expect(rcpt('<>').text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(rcpt('').text).toBe('501 5.5.4 Syntax: RCPT TO:<address>');
    expect(rcpt('<a@b').text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(rcpt('<"unterminated@example.net>').text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(rcpt('<a@b, c@d>').text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(rcpt('<@route-without-colon>').text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(rcpt('<v@[300.1.1.1]>').text).toBe('501 5.1.3 Bad recipient address syntax');
    expect(decideRecipient({ config: closed, client: { ip: LAN }, sender: '<a b@x>', recipient: '<v@example.net>' }).text).toBe(
      '501 5.1.7 Bad sender address syntax',
    );
  });
  it('MAIL FROM checks', () => {
    expect(checkMailFrom({ config: closed, sender: '<a@b.example> SIZE=20000000' }).text).toBe('552 5.3.4 Message size exceeds fixed limit');
    expect(checkMailFrom({ config: closed, sender: '<a@b.example> SIZE=2000' }).text).toBe('250 2.1.0 Ok');
    expect(checkMailFrom({ config: closed, sender: 'bob' })).toEqual({ ok: true, text: '250 2.1.0 Ok', sender: 'bob' });
    expect(checkMailFrom({ config: closed, sender: '<>' }).sender).toBe('');
    expect(checkMailFrom({ config: closed, sender: '<a@b' }).text).toBe('501 5.1.7 Bad sender address syntax');
    expect(checkMailFrom({ config: closed.with({ smtpd_tls_security_level: 'encrypt' }), sender: '<a@b.example>' }).text).toBe(
      '530 5.7.0 Must issue a STARTTLS command first',
    );
  });
});

describe('bad restrictions', () => {
  it('unknown restriction name: warning and 451 4.3.5', () => {
    const cfg = closed.with({ smtpd_relay_restrictions: 'permit_mynetwork, reject_unauth_destination' });
    const d = decideRecipient({ config: cfg, client: { ip: LAN }, sender: '<a@corp.example>', recipient: '<v@example.net>' });
    expect(d.text).toBe('451 4.3.5 Server configuration error');
    expect(d.action).toBe('defer');
    expect(d.warnings).toEqual(['unknown smtpd restriction: "permit_mynetwork"']);
  });
  it('access table missing from lookups: configuration problem, not a crash', () => {
    const d = decideRecipient({ config: config('halfClosed'), client: { ip: OUTSIDE }, sender: '<a@corp.example>', recipient: '<v@example.net>' });
    expect(d.code).toBe(451);
    expect(d.warnings[0]).toMatch(/^hash:\/etc\/postfix\/sender_access is unavailable/);
  });
  it('check_sender_access without a table', () => {
    const d = decideRecipient({ config: closed.with({ smtpd_sender_restrictions: 'check_sender_access' }), client: { ip: LAN }, sender: '<a@corp.example>', recipient: '<v@example.net>' });
    expect(d.text).toBe('451 4.3.5 Server configuration error');
  });
});

describe('malformed configuration', () => {
  it('reports Postfix-style diagnostics and still returns a config', () => {
    const r = loadConfig({
      mainCf: 'myhostname = mail.corp.example\nthis line has no equals\n= novalue\nmessage_size_limit = abc\nsmtpd_helo_required = maybe\nfoo = bar\nsmtpd_error_sleep_time = 1 s\nmynetworks = 10.0.0.0/33 10.0.0.1/24\n',
      system: SYSTEM,
    });
    expect(r.errors.map((d) => formatDiagnostic(d))).toEqual([
      `postconf: fatal: /etc/postfix/main.cf, line 2: missing '=' after attribute name: "this line has no equals"`,
      'postconf: fatal: /etc/postfix/main.cf, line 3: missing attribute name: "= novalue"',
      'postconf: fatal: bad numerical configuration: message_size_limit = abc',
      'postconf: fatal: bad boolean configuration: smtpd_helo_required = maybe',
      'postconf: fatal: parameter smtpd_error_sleep_time: bad time value or unit: 1 s',
      'postconf: fatal: mynetworks: bad net/mask pattern: "10.0.0.0/33"',
    ]);
    expect(r.warnings.map((d) => formatDiagnostic(d))).toEqual(['postconf: warning: /etc/postfix/main.cf: unused parameter: foo=bar']);
    expect(r.config.get('myhostname')).toBe('mail.corp.example');
  });

  it('host bits in mynetworks are no load error; the lookup fails at that entry (real smtpd: warning, then 451 4.3.0)', () => {
    const r = loadConfig({ mainCf: 'mynetworks = 127.0.0.0/8 10.0.0.25/24\n', system: SYSTEM });
    expect(r.errors).toEqual([]);
    expect(r.config.mynetworksMatch('127.0.0.1')).toBe(true);
    expect(r.config.mynetworksMatch('10.0.0.101')).toBe('non-null host address bits in "10.0.0.25/24", perhaps you should use "10.0.0.0/24" instead');
    expect(r.config.mynetworksMatch('192.0.2.50')).toBe('non-null host address bits in "10.0.0.25/24", perhaps you should use "10.0.0.0/24" instead');
  });
});
