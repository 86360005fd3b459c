import { describe, expect, it } from 'vitest';
import { checkServiceStartable, decideRecipient, loadConfig, parseMasterCf, postconf } from '../../../simulator/postfix/index.ts';
import { MAIN_CF, SYSTEM } from './scenarios.ts';

const MASTER = `# master.cf
smtp      inet  n       -       y       -       -       smtpd
submission inet n       -       n       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
`;

describe('main.cf / master.cf', () => {
  it('expands $names at lookup time and applies defaults', () => {
    const { config } = loadConfig({ mainCf: MAIN_CF.closed, system: SYSTEM });
    expect(config.list('mydestination')).toEqual(['mail.corp.example', 'localhost.corp.example', 'localhost', 'corp.example']);
    expect(config.get('smtpd_banner')).toBe('mail.corp.example ESMTP Postfix');
    expect(config.num('message_size_limit')).toBe(10240000);
    expect(config.bool('allow_untrusted_routing')).toBe(false);
    expect(config.timeMs('smtpd_error_sleep_time')).toBe(1000);
    expect(config.raw('smtpd_relay_restrictions')).toBe('permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination');
    const changed = config.with({ myhostname: 'mx.corp.example' });
    expect(changed.list('mydestination')[0]).toBe('mx.corp.example');
  });

  it('joins continuation lines and skips comments between them', () => {
    const { config } = loadConfig({ mainCf: 'a_list = one,\n  # a note\n  two\nmyhostname = h.example\n', system: SYSTEM });
    expect(config.raw('a_list')).toBe('one, two');
  });

  it('builds the submission service from -o overrides', () => {
    const r = loadConfig({ mainCf: MAIN_CF.closed, masterCf: MASTER, service: 'submission', system: SYSTEM });
    expect(r.errors).toEqual([]);
    expect(r.config.get('syslog_name')).toBe('postfix/submission');
    expect(r.config.bool('smtpd_tls_auth_only')).toBe(true);
    expect(checkServiceStartable(r.config).ok).toBe(true);
    const d = decideRecipient({ config: r.config, client: { ip: '198.51.100.9' }, sender: '<alice@corp.example>', recipient: '<bob@example.net>', sasl: { username: 'alice' }, tls: true });
    expect(d.text).toBe('250 2.1.5 Ok');
    expect(d.decidedBy).toBe('smtpd_recipient_restrictions: permit_sasl_authenticated');
  });

  it('master.cf field count errors', () => {
    expect(parseMasterCf('smtp inet n - y\n').diagnostics[0]?.message).toBe('file /etc/postfix/master.cf: line 1: bad field count');
  });

  it('mynetworks_style = host default when mynetworks is unset', () => {
    const { config } = loadConfig({ mainCf: 'myhostname = mail.corp.example\n', system: SYSTEM });
    expect(config.get('mynetworks')).toBe('127.0.0.1/32 [::1]/128 203.0.113.25/32 10.0.0.25/32');
    expect(config.get('mydomain')).toBe('corp.example');
  });
});

describe('postconf', () => {
  const run = (args: string[], mainCf = MAIN_CF.closed) => postconf({ args, mainCf, system: SYSTEM });

  it('postconf KEY and unknown parameter warning', () => {
    expect(run(['mynetworks', 'relay_domains'])).toEqual({
      stdout: 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24\nrelay_domains =\n',
      stderr: '',
      exitCode: 0,
    });
    const r = run(['no_such_thing']);
    expect(r.stderr).toBe('postconf: warning: no_such_thing: unknown parameter\n');
    expect(r.stdout).toBe('');
    expect(run(['-d', 'smtpd_relay_restrictions']).stdout).toBe(
      'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination\n',
    );
    expect(run(['-h', 'myhostname']).stdout).toBe('mail.corp.example\n');
    expect(run(['-x', 'smtpd_banner']).stdout).toBe('smtpd_banner = mail.corp.example ESMTP Postfix\n');
  });

  it('postconf -n lists only explicit settings, sorted', () => {
    expect(run(['-n']).stdout).toBe(
      [
        'mydestination = $myhostname, localhost.$mydomain, localhost, $mydomain',
        'mydomain = corp.example',
        'myhostname = mail.corp.example',
        'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24',
        'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
        '',
      ].join('\n'),
    );
    const unused = run(['-n'], MAIN_CF.closed + 'foo = bar\n');
    expect(unused.stderr).toBe('postconf: warning: /etc/postfix/main.cf: unused parameter: foo=bar\n');
    expect(unused.stdout).not.toMatch(/foo/);
  });

  it('postconf lists every parameter sorted', () => {
    const lines = run([]).stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(60);
    expect([...lines].sort()).toEqual(lines);
    expect(lines).toContain('message_size_limit = 10240000');
  });

  it('postconf -e replaces in place (with continuations), keeps comments, appends new keys', () => {
    const before = MAIN_CF.halfClosed;
    const r = run(['-e', 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination', 'relay_domains='], before);
    expect(r.exitCode).toBe(0);
    expect(r.newMainCf).toBe(
      [
        '# corp.example mail server',
        'myhostname = mail.corp.example',
        'mydomain = corp.example',
        'mydestination = $myhostname, localhost.$mydomain, localhost, $mydomain',
        'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24',
        'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
        'relay_domains = ',
        '',
      ].join('\n'),
    );
    // Round trip: the edited file parses to the closed server, and editing again is stable.
    expect(loadConfig({ mainCf: r.newMainCf!, system: SYSTEM }).config.raw('smtpd_relay_restrictions')).toBe(
      'permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
    );
    const again = run(['-e', 'mynetworks=10.0.0.0/24'], r.newMainCf!);
    expect(again.newMainCf!.split('\n')[4]).toBe('mynetworks = 10.0.0.0/24');
    expect(again.newMainCf!.startsWith('# corp.example mail server\n')).toBe(true);
  });

  it('postconf -X removes, bad option fails', () => {
    expect(run(['-X', 'mynetworks']).newMainCf).not.toMatch(/^mynetworks/m);
    expect(run(['-q']).exitCode).toBe(1);
    expect(run(['-e', 'novalue']).exitCode).toBe(1);
  });

  it('postconf -M shows services', () => {
    const r = postconf({ args: ['-M', 'submission'], mainCf: MAIN_CF.closed, masterCf: MASTER, system: SYSTEM });
    expect(r.stdout).toBe(
      'submission inet  n       -       n       -       -       smtpd -o syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt -o smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject\n',
    );
  });
});
