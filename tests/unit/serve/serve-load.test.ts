/**
 * Issue 13: a workshop probing at once. 200 real loopback clients hold
 * sessions with `relaylab serve` at the same time, each a whole transaction
 * (EHLO, MAIL, RCPT, DATA, QUIT); every one is answered, none fails, and the
 * simulation logged and queued each. Throughput and p99 are printed for the
 * reader (bench/serve.ts measures them; tests assert no timings).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, percentile } from '../../../bench/smtp-load-client.ts';
import { serve, type TestServe } from './serve-helpers.ts';

describe('200 concurrent sessions', () => {
  let s: TestServe;
  beforeAll(async () => {
    s = await serve(['--scenario', 'closed', '--seed', '2']);
  });
  afterAll(() => s?.close());

  it('every session completes its transaction, without errors or stalls', async () => {
    const before = s.sim.mailServer.stats.received;
    const r = await load(s.port, 200, 200);
    expect(r.errors).toEqual([]);
    expect(r.done).toBe(200);
    expect(s.sim.mailServer.stats.received - before).toBe(200);
    const log = s.sim.mailServer.log.text();
    expect(log.match(/postfix\/smtpd\[\d+\]: disconnect from outside\.example\.org\[192\.0\.2\.50\] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5$/gm)?.length).toBe(200);
    expect(s.summary.tally).toMatchObject({ connections: 200, sessions: 200, messages: 200, refusedByLimits: 0 });
    console.log(`serve: 200 concurrent transactions in ${r.wallMs.toFixed(0)} ms (${((200 / r.wallMs) * 1000).toFixed(0)}/s), p99 ${percentile(r.latenciesMs, 99).toFixed(0)} ms`);
  }, 30_000);
});
