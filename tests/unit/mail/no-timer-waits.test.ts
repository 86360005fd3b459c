/**
 * Waiting for a reply costs no real time: the simulation's turns (`HostPort`) are setImmediate or
 * MessageChannel turns, never zero-delay timeouts, which Node stretches to 1 ms and a page to 4 ms
 * once nested. When the default settle turn was a `setTimeout(0)`, the 16-test relay battery armed
 * one at every reply wait and took ~60 ms in Node and ~210 ms in a page instead of a few (bench/smtp.ts).
 * Counted here, not timed: the zero-delay timeouts armed while a battery and a whole wire session run.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { relayProbe } from '../../../simulator/mail/relay-probe.ts';
import { SmtpReader, replyText } from '../../../simulator/mail/smtp-reader.ts';

afterEach(() => vi.restoreAllMocks());

function zeroDelayTimeouts(): { count: () => number } {
  const real = globalThis.setTimeout;
  let count = 0;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...args: unknown[]) => {
    if (!ms) count++;
    return real(fn, ms, ...args);
  }) as typeof setTimeout);
  return { count: () => count };
}

describe('waiting for the network arms no zero-delay timer', () => {
  it('the relay battery from outside', async () => {
    const sim = new Simulation({ seed: 1 });
    const timeouts = zeroDelayTimeouts();
    const probe = await relayProbe(sim, 'outside', 'mail.corp.example');
    // The default company's server is the source post's open relay: the battery runs all its tests.
    expect(probe.state).toBe('open');
    expect(probe.state === 'open' && probe.passed.length).toBeGreaterThan(0);
    expect(timeouts.count()).toBe(0);
  });

  it('a whole SMTP session, greeting to QUIT', async () => {
    const sim = new Simulation({ seed: 1 });
    const timeouts = zeroDelayTimeouts();
    const socket = await sim.network.connect('outside', 'mail.corp.example', 25, 'test');
    const reader = new SmtpReader(socket);
    const replies = [replyText(await reader.next(10_000))];
    for (const line of ['EHLO outside.example.org', 'MAIL FROM:<a@example.net>', 'RCPT TO:<alice@corp.example>', 'QUIT']) {
      reader.send(line);
      replies.push(replyText(await reader.next(10_000)));
    }
    socket.destroy();
    expect(replies.map((r) => r.slice(0, 3))).toEqual(['220', '250', '250', '250', '221']);
    expect(timeouts.count()).toBe(0);
  });
});
