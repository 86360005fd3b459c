/** relaytest verdicts over the wire for the three scenarios, and remote delivery outcomes on the virtual clock. */
import { describe, expect, it } from 'vitest';
import { relayProbe } from '../../../simulator/mail/relay-probe.ts';
import { listIp } from '../../../simulator/net/dnsbl.ts';
import type { MailScenario } from '../../../simulator/mail/scenarios.ts';
import { batteryVerdict } from '../../../simulator/postfix/index.ts';
import { enableSubmission, mailLog, sim } from './mail-helpers.ts';

const ALL = Array.from({ length: 16 }, (_, i) => i + 1);
// Same justification as tests/unit/postfix/relay-battery.test.ts, now end to end over the wire.
const TABLE: Array<[MailScenario, string, number[]]> = [
  ['open', 'outside.example.org', ALL],
  ['open', 'ops.corp.example', ALL],
  ['closed', 'outside.example.org', []],
  ['closed', 'ops.corp.example', ALL], // the LAN is in mynetworks: its outbound relay, by design
  ['half-closed', 'outside.example.org', [3]], // MAIL FROM:<antispam@mail.corp.example> matches "corp.example OK"
  ['half-closed', 'ops.corp.example', ALL],
];

describe('relaytest over the wire', () => {
  for (const [scenario, from, passed] of TABLE) {
    it(`${scenario} from ${from}: ${passed.length}/16`, async () => {
      const s = sim({ mailScenario: scenario });
      const r = await relayProbe(s, from, 'mail.corp.example');
      expect(r.state).toBe('open');
      if (r.state !== 'open') return;
      expect(r.passed.map((t) => t.n)).toEqual(passed);
      expect(r.ip).toBe(from.startsWith('outside') ? '203.0.113.25' : '10.0.0.25');
    });
  }

  it('submission port: authentication needed', async () => {
    const s = sim();
    enableSubmission(s);
    const r = await relayProbe(s, 'outside.example.org', 'mail.corp.example', 587);
    expect(r.state === 'open' && batteryVerdict(r.passed, { authNeeded: r.authNeeded })).toBe("Server isn't an open relay, authentication needed");
  });

  it('closed and filtered ports', async () => {
    const s = sim();
    expect((await relayProbe(s, 'outside.example.org', 'mail.corp.example', 2525)).state).toBe('closed');
    expect((await relayProbe(s, 'outside.example.org', 'nosuch.example')).state).toBe('unresolved');
  });
});

describe('remote delivery', () => {
  it('listed on the DNSBL: remote MX rejects, the message bounces to the local sender', () => {
    const s = sim();
    listIp(s.dnsbl, '203.0.113.25', 'SBL', { now: s.clock.now(), reason: 'open relay spam' });
    const r = s.mailServer.runSession({ client: { ip: '10.0.0.10' }, service: 'smtp', helo: 'ops.corp.example', mailFrom: 'admin@corp.example', rcptTo: ['partner@example.com'], message: { subject: 'quote', size: 900 } });
    expect(r.queueId).toMatch(/^[0-9A-F]{11}$/);
    s.clock.advance(5_000);
    const log = mailLog(s);
    expect(log).toContain(`${r.queueId}: to=<partner@example.com>, relay=mx.example.com[198.51.100.21]:25, delay=1, delays=0.04/0.01/0.5/0.45, dsn=5.7.1, status=bounced (host mx.example.com[198.51.100.21] said: 554 5.7.1 Service unavailable; Client host [203.0.113.25] blocked using zen.dnsbl.example (in reply to RCPT TO command))`);
    expect(log).toMatch(new RegExp(`postfix/bounce\\[\\d+\\]: ${r.queueId}: sender non-delivery notification: [0-9A-F]{11}`));
    expect(s.mailbox('admin')).toContain('Subject: Undelivered Mail Returned to Sender');
    expect(s.mailServer.stats).toMatchObject({ bounced: 1, delivered: 1, queue: 0 });
  });

  it('deferred mail waits in the queue with its reason, retries on the clock, postsuper deletes', () => {
    const s = sim();
    const send = (to: string) => s.mailServer.runSession({ client: { ip: '10.0.0.10' }, service: 'smtp', helo: 'ops', mailFrom: 'admin@corp.example', rcptTo: [to], message: { subject: 's', size: 700 } });
    const a = send('friend@freemail.example');
    s.clock.advance(2_000);
    const q = s.mailServer.queue.format();
    expect(q).toContain(`${a.queueId}     `);
    expect(q).toContain('(450 4.2.0 <friend@freemail.example>: Recipient address rejected: Greylisted');
    expect(s.mailServer.stats.deferred).toBe(1);
    s.clock.advance(600_000);
    expect(s.mailServer.queue.format()).toBe('Mail queue is empty\n');
    expect(mailLog(s)).toMatch(/to=<friend@freemail\.example>.*status=sent/);
    const b = send('other@freemail.example');
    s.clock.advance(2_000);
    expect(s.mailServer.queue.remove('ALL', 'deferred')).toEqual([b.queueId]);
  });
});
