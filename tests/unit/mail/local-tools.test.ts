/**
 * Postfix tools and parameters measured on a real Postfix 3.7.11 (Debian 12): sendmail through
 * the pickup path, newaliases/postalias, postmap -q, qshape, postsuper -r, relayhost, and the
 * `postconf -d` defaults of common parameters the lab did not know before.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../../simulator/simulation.ts';
import { mailLog, runMailTool, sim } from './mail-helpers.ts';

function run(s: Simulation, line: string, stdin = '') {
  const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const [name, ...args] = words;
  return runMailTool(s, name!, args, stdin);
}
const stripStamp = (l: string) => l.replace(/^\w{3} [ \d]\d \d\d:\d\d:\d\d mail /, '').replace(/\[\d+\]/, '[PID]').replace(/\b[0-9A-F]{10,12}\b/g, 'QID');

describe('sendmail on the mail host', () => {
  it('queues stdin through pickup and cleanup, adds the headers a local submission lacks, delivers locally', async () => {
    const s = sim();
    const before = s.mailServer.log.length;
    const r = await run(s, 'sendmail bob@corp.example', 'Subject: hello\n\nbody\n');
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    s.clock.advance(2000);
    const lines = s.mailServer.log.slice(before).map(stripStamp);
    // As measured (Postfix 3.7.11): pickup names the login, qmgr the qualified sender.
    expect(lines.slice(0, 3)).toEqual([
      'postfix/pickup[PID]: QID: uid=0 from=<root>',
      expect.stringMatching(/^postfix\/cleanup\[PID\]: QID: message-id=<\d{14}\.QID@mail\.corp\.example>$/),
      expect.stringMatching(/^postfix\/qmgr\[PID\]: QID: from=<root@corp\.example>, size=\d+, nrcpt=1 \(queue active\)$/),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^postfix\/local\[PID\]: QID: to=<bob@corp\.example>, relay=local, .*status=sent \(delivered to mailbox\)$/));
    const box = s.machine('mail').fs.read('/var/mail/bob');
    expect(box).toMatch(/Received: by mail\.corp\.example \(Postfix, from userid 0\)\n\tid [0-9A-F]+; \w{3}, [ \d]\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000 \(UTC\)\nSubject: hello\nMessage-Id: <\d{14}\.[0-9A-F]+@mail\.corp\.example>\nDate: .*\nFrom: root <root@corp\.example>\n\nbody\n/);
  });

  it('refuses to run without recipients, in Postfix words', async () => {
    const s = sim();
    expect(await run(s, 'sendmail', 'Subject: x\n\n')).toMatchObject({ code: 1, err: 'sendmail: fatal: Recipient addresses must be specified on the command line or via the -t option\n' });
    expect(await run(s, 'sendmail -t', 'Subject: x\n\n')).toMatchObject({ code: 1, err: 'sendmail: fatal: No recipient addresses found in message header\n' });
    expect((await run(s, 'sendmail -t', 'To: Bob <bob@corp.example>\nSubject: x\n\nhi\n')).code).toBe(0);
  });
});

describe('aliases, lookup tables and the queue tools', () => {
  it('local(8) reads /etc/aliases.db: an edit of /etc/aliases needs newaliases', async () => {
    const s = sim();
    const fs = s.machine('mail').fs;
    fs.write('/etc/aliases', fs.read('/etc/aliases') + 'sales: bob\n');
    await run(s, 'sendmail sales@corp.example', 'Subject: a\n\n');
    s.clock.advance(2000);
    expect(mailLog(s)).toMatch(/to=<sales@corp\.example>, relay=local, .*status=bounced \(unknown user: "sales"\)/);
    expect(await run(s, 'newaliases')).toMatchObject({ code: 0, out: '', err: '' });
    await run(s, 'sendmail sales@corp.example', 'Subject: b\n\n');
    s.clock.advance(2000);
    expect(mailLog(s)).toMatch(/to=<bob@corp\.example>, orig_to=<sales@corp\.example>, relay=local, .*status=sent/);
    expect(await run(s, 'postalias -q postmaster /etc/aliases')).toMatchObject({ code: 0, out: 'root\n' });
    expect(await run(s, 'postalias -q nobody-here /etc/aliases')).toMatchObject({ code: 1, out: '' });
  });

  it('postmap -q prints the value (exit 0) or nothing (exit 1), as measured', async () => {
    const s = sim({ mailScenario: 'half-closed' });
    expect(await run(s, 'postmap -q corp.example hash:/etc/postfix/sender_access')).toMatchObject({ code: 0, out: 'OK\n', err: '' });
    expect(await run(s, 'postmap -q nothere hash:/etc/postfix/sender_access')).toMatchObject({ code: 1, out: '', err: '' });
  });

  it('qshape counts recipients by domain and age; postsuper -r prints only its total', async () => {
    const s = sim();
    // mx.freemail.example greylists a first attempt, so the message waits in the deferred queue.
    await run(s, 'sendmail pat@freemail.example', 'Subject: x\n\n');
    s.clock.advance(60_000);
    const row = (name: string, cells: string) => name.padStart(39) + cells + '\n';
    expect((await run(s, 'qshape deferred')).out).toBe(
      row('', '  T  5 10 20 40 80 160 320 640 1280 1280+') +
      row('TOTAL', '  1  1  0  0  0  0   0   0   0    0     0') +
      row('freemail.example', '  1  1  0  0  0  0   0   0   0    0     0'),
    );
    // Without arguments qshape looks at incoming and active only (measured): the deferred message is not counted.
    expect((await run(s, 'qshape')).out).toBe(row('', '  T  5 10 20 40 80 160 320 640 1280 1280+') + row('TOTAL', '  0  0  0  0  0  0   0   0   0    0     0'));
    expect(await run(s, 'postsuper -r ALL')).toMatchObject({ code: 0, err: 'postsuper: Requeued: 1 message\n' });
    expect(mailLog(s)).toMatch(/postfix\/postsuper\[\d+\]: Requeued: 1 message\n/);
  });
});

describe('relayhost and the common parameters', () => {
  it('relayhost sends every non-local recipient to the smarthost instead of its MX (inside the simulation)', async () => {
    const s = sim();
    await run(s, "postconf -e 'relayhost = [mail.isp.example]'");
    expect(s.mailServer.reload().ok).toBe(true);
    await run(s, 'sendmail someone@example.net', 'Subject: via isp\n\n');
    s.clock.advance(5000);
    expect(mailLog(s)).toMatch(/postfix\/smtp\[\d+\]: [0-9A-F]+: to=<someone@example\.net>, relay=mail\.isp\.example\[198\.51\.100\.30\]:25, .*status=sent/);
  });

  it('postconf knows the common parameters with the defaults `postconf -d` prints on Postfix 3.7.11', async () => {
    const s = sim();
    const measured = [
      'body_checks =', 'canonical_maps =', 'default_process_limit = 100', 'delay_warning_time = 0h', 'header_checks =',
      'mailbox_command =', 'notify_classes = resource, software', 'recipient_canonical_maps =', 'relay_recipient_maps =',
      'relay_transport = relay', 'sender_canonical_maps =', 'smtp_tls_security_level =', 'smtpd_timeout = ${stress?{10}:{300}}s',
      'soft_bounce = no', 'transport_maps =', 'unknown_local_recipient_reject_code = 550', 'smtpd_client_connection_count_limit = 50',
      'smtpd_client_connection_rate_limit = 0', 'anvil_rate_time_unit = 60s', 'strict_rfc821_envelopes = no', 'disable_dns_lookups = no',
      'always_bcc =', 'maillog_file =', 'mail_owner = postfix', 'setgid_group = postdrop', 'smtp_sasl_auth_enable = no',
      'smtp_sasl_password_maps =', 'smtpd_client_event_limit_exceptions = ${smtpd_client_connection_limit_exceptions:$mynetworks}',
      'max_idle = 100s', 'max_use = 100', 'bounce_notice_recipient = postmaster', '2bounce_notice_recipient = postmaster',
      'error_notice_recipient = postmaster', 'delay_notice_recipient = postmaster', 'luser_relay =', 'mailbox_transport =',
      'fallback_transport =', 'defer_transports =', 'in_flow_delay = 1s',
    ];
    const names = measured.map((l) => l.split(' ')[0]!);
    const r = await run(s, `postconf -d ${names.join(' ')}`);
    expect(r.err).toBe('');
    expect(r.out.split('\n').filter(Boolean)).toEqual(measured);
    expect((await run(s, 'postconf -x smtpd_timeout')).out).toBe('smtpd_timeout = 300s\n');
  });
});
