import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../simulator/core/rng.ts';
import {
  DisconnectCounter, deliveryLine, ehloLines, formatQueue, greeting, logLine, msg, newQueueId, syslogTime, translateReply,
} from '../../../simulator/postfix/index.ts';
import { config } from './scenarios.ts';

const T = Date.UTC(2026, 2, 3, 10, 15, 2);
const smtpd = { host: 'mail', program: 'postfix/smtpd', pid: 2301 };

describe('mail.log lines (fidelity.md)', () => {
  it('timestamps', () => {
    expect(syslogTime(Date.UTC(2026, 2, 3, 9, 5, 7))).toBe('Mar  3 09:05:07');
    expect(syslogTime(Date.UTC(2026, 10, 27, 17, 54, 32))).toBe('Nov 27 17:54:32');
  });
  it('session lines', () => {
    const c = { ip: '10.0.0.117' };
    expect(logLine(T, smtpd, msg.connect(c))).toBe('Mar  3 10:15:02 mail postfix/smtpd[2301]: connect from unknown[10.0.0.117]');
    expect(msg.client('4F9D195432C', c)).toBe('4F9D195432C: client=unknown[10.0.0.117]');
    expect(msg.client('4F9D195432C', c, { method: 'PLAIN', username: 'alice' })).toBe(
      '4F9D195432C: client=unknown[10.0.0.117], sasl_method=PLAIN, sasl_username=alice',
    );
    expect(msg.qmgrFrom('4F9D195432C', 'x@corp.example', 1834, 1)).toBe('4F9D195432C: from=<x@corp.example>, size=1834, nrcpt=1 (queue active)');
    expect(msg.removed('4F9D195432C')).toBe('4F9D195432C: removed');
    expect(msg.noqueueReject({ client: { ip: '203.0.113.9' }, reply: '454 4.7.1 <v@example.net>: Relay access denied', from: 's@example.org', to: 'v@example.net', proto: 'ESMTP', helo: 'bot' })).toBe(
      'NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 454 4.7.1 <v@example.net>: Relay access denied; from=<s@example.org> to=<v@example.net> proto=ESMTP helo=<bot>',
    );
  });
  it('delivery lines', () => {
    expect(deliveryLine({ qid: '4F9D195432C', to: 'v@example.net', relay: 'mx.example.net[198.51.100.7]:25', delay: 1.1, delays: [0.04, 0, 0.6, 0.46], dsn: '2.0.0', status: 'sent', detail: '250 2.0.0 Ok: queued as 8BDCA22DA71' })).toBe(
      '4F9D195432C: to=<v@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.1, delays=0.04/0/0.6/0.46, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 8BDCA22DA71)',
    );
    expect(logLine(T, { host: 'mail', program: 'postfix/local', pid: 15778 }, deliveryLine({ qid: 'E38A91760C8', to: 'bob@corp.example', relay: 'local', delay: 0.11, delays: [0.07, 0.04, 0, 0], dsn: '2.0.0', status: 'sent', detail: 'delivered to mailbox' }))).toBe(
      'Mar  3 10:15:02 mail postfix/local[15778]: E38A91760C8: to=<bob@corp.example>, relay=local, delay=0.11, delays=0.07/0.04/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
    );
  });
  it('disconnect counts with failures', () => {
    const c = new DisconnectCounter();
    const seq: Array<[string, boolean]> = [
      ['helo', false], ['ehlo', true], ['mail', false], ['mail', true], ['mail', false], ['rcpt', true], ['rcpt', false],
      ['rcpt', true], ['rcpt', false], ['data', true], ['vrfy', false], ['FOO', false], ['quit', true],
    ];
    for (const [n, ok] of seq) c.record(n, ok);
    expect(c.disconnectMessage({ ip: '127.0.0.1' })).toBe(
      'disconnect from unknown[127.0.0.1] helo=0/1 ehlo=1 mail=1/3 rcpt=2/4 data=1 vrfy=0/1 quit=1 unknown=0/1 commands=6/13',
    );
    const ok = new DisconnectCounter();
    for (const n of ['ehlo', 'mail', 'rcpt', 'data', 'quit']) ok.record(n, true);
    expect(ok.summary()).toBe('ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5');
    expect(new DisconnectCounter().summary()).toBe('commands=0/0');
  });
  it('queue ids are deterministic per seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const ids = [newQueueId(a), newQueueId(a), newQueueId(a)];
    expect([newQueueId(b), newQueueId(b), newQueueId(b)]).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{10,12}$/);
    expect(newQueueId(new SeededRandom(7))).not.toBe(ids[0]);
  });
});

describe('postqueue -p', () => {
  it('active entry, byte for byte', () => {
    expect(formatQueue([{ id: '4F9D195432C', queue: 'active', size: 1834, arrival: T, sender: 'x@corp.example', recipients: [{ address: 'v@example.net' }] }])).toBe(
      '-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n' +
        '4F9D195432C*    1834 Tue Mar  3 10:15:02  x@corp.example\n' +
        '                                         v@example.net\n' +
        '\n' +
        '-- 1 Kbytes in 1 Request.\n',
    );
  });
  it('deferred entry with reason line, hold mark, totals', () => {
    const out = formatQueue([
      { id: '8BA4B1760CC', queue: 'deferred', size: 403, arrival: Date.UTC(2026, 10, 27, 17, 54, 32), sender: 'spam@example.org', recipients: [{ address: 'victim@example.net', reason: 'deferred transport' }] },
      { id: 'A1B2C3D4E5F', queue: 'hold', size: 2000, arrival: T, sender: '', recipients: [{ address: 'v@example.net' }] },
    ]);
    expect(out.split('\n').slice(1, 4)).toEqual([
      '8BA4B1760CC     403 Fri Nov 27 17:54:32  spam@example.org',
      '                                                          (deferred transport)',
      '                                         victim@example.net',
    ]);
    expect(out).toContain('A1B2C3D4E5F!    2000 Tue Mar  3 10:15:02  MAILER-DAEMON\n');
    expect(out.endsWith('-- 2 Kbytes in 2 Requests.\n')).toBe(true);
  });
  it('empty queue', () => {
    expect(formatQueue([])).toBe('Mail queue is empty\n');
  });
});

describe('replies', () => {
  const cfg = config('closed');
  it('greeting and EHLO without TLS/SASL', () => {
    expect(greeting(cfg)).toBe('220 mail.corp.example ESMTP Postfix');
    expect(ehloLines(cfg)).toEqual([
      '250-mail.corp.example', '250-PIPELINING', '250-SIZE 10240000', '250-VRFY', '250-ETRN',
      '250-ENHANCEDSTATUSCODES', '250-8BITMIME', '250-DSN', '250-SMTPUTF8', '250 CHUNKING',
    ]);
  });
  it('EHLO with TLS and SASL in Postfix order; AUTH hidden before TLS when tls_auth_only', () => {
    const sub = cfg.with({ smtpd_tls_security_level: 'may', smtpd_sasl_auth_enable: 'yes' });
    expect(ehloLines(sub).slice(4, 8)).toEqual(['250-ETRN', '250-STARTTLS', '250-AUTH PLAIN LOGIN', '250-ENHANCEDSTATUSCODES']);
    const only = sub.with({ smtpd_tls_auth_only: 'yes' });
    expect(ehloLines(only).some((l) => l.includes('AUTH'))).toBe(false);
    expect(ehloLines(only, { tls: true }).filter((l) => /STARTTLS|AUTH/.test(l))).toEqual(['250-AUTH PLAIN LOGIN']);
  });
  it('translates smtp-server texts', () => {
    expect(translateReply(250, 'Accepted', { command: 'MAIL' })).toBe('250 2.1.0 Ok');
    expect(translateReply(250, 'Accepted', { command: 'RCPT' })).toBe('250 2.1.5 Ok');
    expect(translateReply(503, 'Error: need MAIL command', { command: 'RCPT' })).toBe('503 5.5.1 Error: need MAIL command');
    expect(translateReply(500, 'Error: command not recognized', { command: 'UNKNOWN' })).toBe('500 5.5.2 Error: command not recognized');
    expect(translateReply(354, 'End data with <CR><LF>.<CR><LF>', { command: 'DATA' })).toBe('354 End data with <CR><LF>.<CR><LF>');
    expect(translateReply(221, 'Bye', { command: 'QUIT' })).toBe('221 2.0.0 Bye');
    expect(translateReply(501, 'Error: Bad recipient address syntax', { command: 'RCPT' })).toBe('501 5.1.3 Bad recipient address syntax');
    expect(translateReply(501, 'Error: Syntax: HELO hostname', { command: 'HELO' })).toBe('501 Syntax: HELO hostname');
    expect(translateReply(250, 'OK: message queued', { command: 'DATA_END', queueId: '4F9D195432C' })).toBe('250 2.0.0 Ok: queued as 4F9D195432C');
    expect(translateReply(552, 'Error: message exceeds fixed maximum message size 10240000', { command: 'DATA_END' })).toBe('552 5.3.4 Message size exceeds fixed limit');
    // Our own Postfix replies pass through unchanged.
    expect(translateReply(554, '5.7.1 <v@example.net>: Relay access denied', { command: 'RCPT' })).toBe('554 5.7.1 <v@example.net>: Relay access denied');
  });
});
