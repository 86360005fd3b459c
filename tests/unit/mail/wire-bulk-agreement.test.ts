/**
 * The bulk API must be the wire path without sockets: same replies, same
 * mail.log lines (pids included), same counters, queue and mailboxes.
 */
import { describe, expect, it } from 'vitest';
import type { BulkSession } from '../../../simulator/mail/bulk.ts';
import type { MailScenario } from '../../../simulator/mail/scenarios.ts';
import { enableSubmission, mailLog, password, sim, wireSession } from './mail-helpers.ts';

const OUTSIDE = { host: 'outside.example.org', ip: '192.0.2.50' };
const WS = { host: 'ops.corp.example', ip: '10.0.0.10' };
const msg = (subject: string) => ({ subject, size: 0, messageId: `${subject.replace(/\W/g, '')}@client.example`, body: 'Hello there.\nSecond line.\n' });

function sessions(pw: string): Array<{ from: typeof OUTSIDE; s: BulkSession }> {
  const base = { service: 'smtp' as const, helo: 'client.example' };
  return [
    { from: OUTSIDE, s: { ...base, client: { ip: OUTSIDE.ip }, mailFrom: 'spam@example.org', rcptTo: ['victim@example.net'], message: msg('relay attempt') } },
    { from: OUTSIDE, s: { ...base, client: { ip: OUTSIDE.ip }, mailFrom: 'carol@example.org', rcptTo: ['bob@corp.example', 'nobody@corp.example', 'postmaster@corp.example'], message: msg('local') } },
    { from: WS, s: { ...base, client: { ip: WS.ip }, mailFrom: 'admin@corp.example', rcptTo: ['partner@example.com', 'friend@freemail.example'], message: msg('outbound') } },
    { from: OUTSIDE, s: { ...base, client: { ip: OUTSIDE.ip }, mailFrom: 'bad address@x', rcptTo: ['bob@corp.example'], message: msg('bad sender') } },
    { from: OUTSIDE, s: { ...base, client: { ip: OUTSIDE.ip }, mailFrom: 'x@example.org', rcptTo: ['relaytest%nmap.scanme.org@[203.0.113.25]', '"quoted"@corp.example'], message: msg('forms') } },
    { from: WS, s: { ...base, service: 'submission', client: { ip: WS.ip }, tls: true, sasl: { username: 'alice', password: pw }, mailFrom: 'alice@corp.example', rcptTo: ['bob@example.net'], message: msg('submission ok') } },
    { from: WS, s: { ...base, service: 'submission', client: { ip: WS.ip }, tls: true, sasl: { username: 'alice', password: 'wrong', method: 'LOGIN' }, mailFrom: 'alice@corp.example', rcptTo: ['bob@example.net'], message: msg('bad pw') } },
    { from: WS, s: { ...base, service: 'submission', client: { ip: WS.ip }, mailFrom: 'alice@corp.example', rcptTo: ['bob@example.net'], message: msg('no tls') } },
  ];
}

async function compare(scenario: MailScenario) {
  const wire = sim({ mailScenario: scenario });
  const bulk = sim({ mailScenario: scenario });
  enableSubmission(wire);
  enableSubmission(bulk);
  const pw = password(bulk, 'alice');
  for (const { from, s } of sessions(pw)) {
    const w = await wireSession(wire, from.host, s);
    const b = bulk.mailServer.runSession(s);
    expect(b.connected).toBe(true);
    expect({ accepted: b.accepted, rejected: b.rejected, queueId: b.queueId, authOk: b.authOk }, `${scenario}: ${s.message.subject}`).toEqual(w);
  }
  for (const s of [wire, bulk]) s.clock.advance(600_000);
  expect(mailLog(bulk)).toBe(mailLog(wire));
  expect({ ...bulk.mailServer.stats, queue: bulk.mailServer.stats.queue }).toEqual({ ...wire.mailServer.stats, queue: wire.mailServer.stats.queue });
  expect(bulk.mailServer.queue.format()).toBe(wire.mailServer.queue.format());
  for (const u of ['bob', 'admin']) expect(bulk.mailbox(u)).toBe(wire.mailbox(u));
  return { log: mailLog(bulk), stats: bulk.mailServer.stats };
}

describe('wire path and bulk API agree', () => {
  it('open scenario: decisions, log lines, counters, queue and mailboxes are identical', async () => {
    const { log, stats } = await compare('open');
    expect(log).toContain('status=sent (250 2.0.0 Ok: queued as');
    expect(log).toMatch(/[0-9A-F]{11}: reject: RCPT from .*User unknown in local recipient table/);
    expect(log).toContain('sasl_method=PLAIN, sasl_username=alice');
    expect(log).toContain('SASL LOGIN authentication failed: authentication failure');
    expect(stats.relayed).toBeGreaterThan(0);
  });

  it('closed scenario too (Relay access denied from outside)', async () => {
    const { log } = await compare('closed');
    expect(log).toMatch(/NOQUEUE: reject: RCPT from outside\.example\.org\[192\.0\.2\.50\]: 554 5\.7\.1 <victim@example\.net>: Relay access denied; from=<spam@example\.org> to=<victim@example\.net> proto=ESMTP helo=<client\.example>/);
  });
});
