/** The admin's tools through relaylab shell: nc line endings, swaks exit codes, ssh, systemctl, safety nets. */
import { describe, expect, it } from 'vitest';
import { outputOf, shell } from './run-shell.ts';

const smtpLines = ['EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: nc test', '', 'hello', '.', 'QUIT'];

describe('nc', () => {
  it('without -C sends bare LF: the message never ends, and the shell survives', () => {
    const { out, code } = shell(['nc mail.corp.example 25', ...smtpLines]);
    expect(out).toContain('354 End data with <CR><LF>.<CR><LF>');
    expect(out).not.toMatch(/250 2\.0\.0 Ok: queued as/);
    expect(out).not.toContain('221 2.0.0 Bye');
    expect(out).toMatch(/admin@ops:~\$ \n?$/);
    expect(code).toBe(0);
  });

  it('with -C works like telnet', () => {
    const { out } = shell(['nc -C mail.corp.example 25', ...smtpLines, 'echo after']);
    expect(out).toMatch(/250 2\.0\.0 Ok: queued as [0-9A-F]+/);
    expect(out).toContain('221 2.0.0 Bye');
    expect(out).toContain('admin@ops:~$ echo after\nafter');
  });

  it('-v reports the connection like OpenBSD netcat', () => {
    const { out } = shell(['nc -v mail.corp.example 25', 'QUIT']);
    expect(out).toContain('Connection to mail.corp.example (10.0.0.25) 25 port [tcp/smtp] succeeded!');
  });
});

describe('swaks', () => {
  it('prints the transcript marks and exits 0 when the relay accepts', () => {
    const { out } = shell(['ssh outside', 'swaks -s mail.corp.example -f s@example.org -t v@example.net --quit-after RCPT', 'echo rc=$?']);
    expect(out).toContain('=== Trying mail.corp.example:25...');
    expect(out).toContain('<-  220 mail.corp.example ESMTP Postfix');
    expect(out).toContain(' -> RCPT TO:<v@example.net>');
    expect(out).toContain('rc=0');
    expect(out).not.toMatch(/\x1b/);
  });

  it('--quit-after RCPT exits 24 when relaying is denied (closed with main.cf + reload)', () => {
    const { out } = shell([
      'ssh mail',
      "sed -i 's|^mynetworks *=.*|mynetworks = 127.0.0.0/8 10.0.0.0/24|' /etc/postfix/main.cf",
      'systemctl reload postfix',
      'exit',
      'ssh outside',
      'swaks -s mail.corp.example -f s@example.org -t v@example.net --quit-after RCPT',
      'echo rc=$?',
    ]);
    expect(out).toMatch(/<\*\* (454 4\.7\.1|554 5\.7\.1) <v@example\.net>: Relay access denied/);
    expect(out).toContain('rc=24');
  });

  it('exits 2 when the connection fails', () => {
    const { out } = shell(['ssh mail', 'systemctl stop postfix', 'exit', 'swaks -s mail -t bob@corp.example', 'echo rc=$?']);
    expect(out).toContain('*** Error connecting to mail:25:');
    expect(out).toContain('rc=2');
  });
});

describe('hosts and services', () => {
  it('ssh changes the prompt and exit returns', () => {
    const { out } = shell(['ssh mail', 'hostname', 'exit', 'ssh ws07', 'whoami', 'exit', 'ssh outside', 'exit', 'hostname']);
    expect(out).toMatch(/Last login: .* from 10\.0\.0\.\d+\nroot@mail:~# hostname\nmail\nroot@mail:~# exit\nadmin@ops:~\$ /);
    expect(out).toMatch(/\n(\w+)@ws07:~\$ whoami\n\1\n/);
    expect(out).toContain('root@outside:~# exit\nadmin@ops:~$ hostname\nops');
  });

  it('systemctl stop really stops the service and start brings it back', () => {
    const { out } = shell(['ssh mail', 'systemctl stop postfix', 'systemctl status postfix', 'echo rc=$?', 'exit', 'swaks -s mail -t bob@corp.example --quit-after CONNECT', 'ssh mail', 'systemctl start postfix', 'systemctl is-active postfix', 'exit', 'swaks -s mail -t bob@corp.example --quit-after CONNECT', 'echo rc=$?']);
    expect(outputOf(out, 'systemctl status postfix')).toContain('Active: inactive (dead)');
    expect(out).toContain('rc=3');
    expect(out).toContain('connect: Connection refused');
    expect(outputOf(out, 'systemctl is-active postfix')).toBe('active\n');
    expect(out).toMatch(/<- {2}220 mail\.corp\.example ESMTP Postfix[\s\S]*rc=0/);
  });
});

describe('safety nets', () => {
  it('a runaway loop ends with a clear message and the shell goes on', () => {
    const { out } = shell(['while true; do :; done', 'echo still here']);
    expect(out).toContain('relaylab: stopped a runaway command');
    expect(out).toContain('admin@ops:~$ echo still here\nstill here');
  });

  it('output over the budget is cut with a message', () => {
    const { out } = shell(['seq 1 300000', 'echo ok'], 7, ['--no-world']);
    expect(out).toContain('relaylab: output truncated');
    expect(out).toContain('admin@ops:~$ echo ok\nok');
  });

  it('uniq -c lays out counts as GNU does (7 columns), so top-talker lists look familiar', () => {
    const { out } = shell(['printf "a\\na\\nb\\nb\\nb\\n" | sort | uniq -c | sort -rn']);
    expect(out).toContain('\n      3 b\n      2 a\n');
  });

  it('date follows the virtual clock and sleep advances it', () => {
    const { out } = shell(['date', 'sleep 3600', 'date']);
    const dates = [...out.matchAll(/\d\d:\d\d:\d\d UTC 2026/g)].map((m) => m[0]);
    expect(dates[0]).toMatch(/^09:00:0\d/);
    expect(dates[1]).toMatch(/^10:00:0\d/);
  });
});
