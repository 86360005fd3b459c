/**
 * The lab page's outbox: kept before sent, removed only when acknowledged,
 * sent again after a failure, and shared safely by two tabs of the workshop.
 */
import { describe, expect, it } from 'vitest';
import { OUTBOX_KEY, Outbox } from '../../../site/islands/lab/workshop-outbox.ts';
import { MemoryStorage } from './helpers.ts';

type Sent = { events: { id: string }[] };
const reply = (stored: string[], status = 200) => new Response(JSON.stringify({ stored }), { status, headers: { 'content-type': 'application/json' } });

describe('workshop outbox', () => {
  it('keeps what the workshop did not acknowledge, and sends it again once it answers', async () => {
    const storage = new MemoryStorage();
    const calls: Sent[] = [];
    let down = true;
    let partial = true;
    const fake: typeof fetch = async (_url, init) => {
      const body = JSON.parse(String(init!.body)) as Sent;
      calls.push(body);
      if (down) throw new TypeError('fetch failed');
      // The first answer acknowledges only the first event (the rest was, say, cut off).
      if (partial) return (partial = false), reply([body.events[0]!.id]);
      return reply(body.events.map((e) => e.id));
    };
    let n = 0;
    const box = new Outbox({ storage, endpoint: '/api/progress', token: 't', fetch: fake, newId: () => `event-${++n}`, retry: { first: 5, max: 20 } });
    box.add('lab', [{ kind: 'passed', step: 'a', detail: '' }, { kind: 'hint', step: 'b', detail: '1' }]);
    await box.flush();
    expect(JSON.parse(storage.getItem(OUTBOX_KEY)!).map((e: { id: string }) => e.id)).toEqual(['event-1', 'event-2']);
    down = false;
    for (let i = 0; i < 100 && box.pending().length; i++) await new Promise((r) => setTimeout(r, 5));
    box.stop();
    expect(box.pending()).toEqual([]);
    // The unacknowledged event went again, with its own id; seq orders the page's events.
    const lastTwo = calls.slice(-2).map((c) => c.events.map((e) => e.id));
    expect(lastTwo).toEqual([['event-1', 'event-2'], ['event-2']]);
  });

  it('an event added by another tab while a send is under way is not dropped', async () => {
    const storage = new MemoryStorage();
    let other: Outbox | undefined;
    const fake: typeof fetch = async (_url, init) => {
      const body = JSON.parse(String(init!.body)) as Sent;
      // While this send waits, the other tab adds an event to the shared outbox.
      if (!other!.pending().some((e) => e.id === 'other-1')) {
        const before = storage.getItem(OUTBOX_KEY);
        storage.setItem(OUTBOX_KEY, JSON.stringify([...JSON.parse(before ?? '[]'), { id: 'other-1', lab: 'x', step: '', kind: 'opened', detail: '', at: 0, seq: 9 }]));
      }
      return reply(body.events.filter((e) => e.id !== 'other-1').map((e) => e.id));
    };
    const box = new Outbox({ storage, endpoint: '/x', token: 't', fetch: fake, newId: () => 'mine-1', retry: { first: 1000, max: 1000 } });
    other = new Outbox({ storage, endpoint: '/x', token: 't', fetch: fake });
    box.add('lab', [{ kind: 'opened', step: '', detail: '' }]);
    await box.flush();
    box.stop();
    expect(box.pending().map((e) => e.id)).toEqual(['other-1']);
  });
});
