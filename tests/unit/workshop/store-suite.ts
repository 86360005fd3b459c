/**
 * One test suite for the progress store, run against SQLite (store-sqlite.test.ts)
 * and a real PostgreSQL (store-postgres.test.ts): the same interface must keep
 * the same promises on both.
 */
import { describe, expect, it } from 'vitest';
import type { ProgressStore, WorkshopEvent } from '../../../cli/workshop/types.ts';

let tokens = 0;
const newToken = () => `tok-${process.pid}-${++tokens}-${Math.random().toString(36).slice(2)}`;
const seedFor = (id: number) => 1000 + id;

export const ev = (id: string, kind: WorkshopEvent['kind'], step: string, seq: number, detail = '', lab = 'close-the-relay'): WorkshopEvent => ({ id, lab, step, kind, at: 1_000_000 + seq * 1000, seq, detail });

/** `open(fresh)`: a store; fresh=false reopens the same data (a restart). */
export function storeSuite(name: string, open: (fresh: boolean) => Promise<ProgressStore>) {
  describe(`progress store on ${name}`, () => {
    it('a seat: join code → name → seed; rejoining with the token or the same name resumes it', async () => {
      const store = await open(true);
      try {
        const ada = await store.join('Ada Lovelace', undefined, 10, seedFor, newToken);
        expect(ada.seed).toBe(seedFor(ada.id));
        expect(ada.name).toBe('Ada Lovelace');
        expect((await store.join('someone else typed', ada.token, 11, seedFor, newToken)).id).toBe(ada.id);
        expect((await store.join('  ada   LOVELACE ', undefined, 12, seedFor, newToken)).id).toBe(ada.id);
        const bob = await store.join('Bob', undefined, 13, seedFor, newToken);
        expect(bob.id).not.toBe(ada.id);
        expect(bob.seed).not.toBe(ada.seed);
        expect((await store.seatByToken(bob.token))?.name).toBe('Bob');
        expect(await store.seatByToken('nobody')).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('stores each event once, however often it is sent, and the later status wins in any arrival order', async () => {
      const store = await open(true);
      try {
        const s = await store.join('Carol', undefined, 1, seedFor, newToken);
        const batch = [ev('c1', 'opened', '', 1), ev('c2', 'passed', 'close', 2, 'closed'), ev('c3', 'hint', 'keep-mail', 3, '1'), ev('c4', 'reopened', 'close', 5, 'relays again')];
        // The late one first, then everything again (a resend), then once more.
        expect(await store.record(s.id, [batch[3]!], 100)).toEqual(['c4']);
        expect(await store.record(s.id, batch, 101)).toEqual(['c1', 'c2', 'c3', 'c4']);
        await store.record(s.id, batch, 102);
        expect((await store.allEvents()).map((e) => e.id).sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
        const states = (await store.classData()).states.filter((x) => x.seat === s.id);
        const close = states.find((x) => x.step === 'close')!;
        expect(close.status).toBe('reopened');
        expect(close.firstAt).toBe(batch[1]!.at);
        expect(states.find((x) => x.step === 'keep-mail')!.hints).toBe(1);
        expect(states.find((x) => x.step === '')!.status).toBe('opened');
      } finally {
        await store.close();
      }
    });

    it('groups the wrong fixes most tried by reason, numbers aside, counting seats', async () => {
      const store = await open(true);
      try {
        const a = await store.join('A', undefined, 1, seedFor, newToken);
        const b = await store.join('B', undefined, 1, seedFor, newToken);
        await store.record(a.id, [ev('a1', 'wrong-fix', 'close', 1, 'still relays for 192.0.2.50: 12 of 16 tests accepted'), ev('a2', 'wrong-fix', 'close', 2, 'port 25 cannot be reached')], 5);
        await store.record(b.id, [ev('b1', 'wrong-fix', 'close', 1, 'still relays for 192.0.2.50: 16 of 16 tests accepted'), ev('b2', 'answer', 'q', 2, 'forty-two')], 5);
        const { wrongFixes, states } = await store.classData();
        expect(wrongFixes[0]).toMatchObject({ lab: 'close-the-relay', step: 'close', seats: 2, times: 2 });
        expect(wrongFixes[0]!.reason).toMatch(/^still relays for 192\.0\.2\.50: 1[26] of 16 tests accepted$/);
        expect(wrongFixes[1]).toMatchObject({ reason: 'port 25 cannot be reached', seats: 1, times: 1 });
        expect(states.find((x) => x.seat === a.id && x.step === 'close')!.wrongFixes).toBe(2);
        expect(states.find((x) => x.seat === b.id && x.step === 'q')!.answer).toBe('forty-two');
      } finally {
        await store.close();
      }
    });

    it('50 seats recording at once: every event stored once', async () => {
      const store = await open(true);
      try {
        const seats = await Promise.all(Array.from({ length: 50 }, (_, i) => store.join(`attendee ${i}`, undefined, 1, seedFor, newToken)));
        expect(new Set(seats.map((s) => s.id)).size).toBe(50);
        const sent = seats.map((s) => Array.from({ length: 6 }, (_, k) => ev(`s${s.id}-${k}`, k % 2 ? 'hint' : 'passed', `step-${k}`, k + 1)));
        // Every batch twice, concurrently: a resend racing its original.
        await Promise.all(seats.flatMap((s, i) => [store.record(s.id, sent[i]!, 2), store.record(s.id, sent[i]!, 3)]));
        const ids = (await store.allEvents()).map((e) => e.id);
        expect(ids.length).toBe(300);
        expect(new Set(ids)).toEqual(new Set(sent.flat().map((e) => e.id)));
        const hints = (await store.classData()).states.filter((x) => x.hints > 0);
        expect(hints.every((x) => x.hints === 1)).toBe(true);
        expect(hints.length).toBe(150);
      } finally {
        await store.close();
      }
    });

    it('what was acknowledged survives closing and opening again; meta too', async () => {
      const first = await open(true);
      const s = await first.join('Dora', undefined, 1, seedFor, newToken);
      await first.setMeta('join-code', 'ABC-123');
      await first.setMeta('join-code', 'XYZ-789');
      await first.record(s.id, [ev('d1', 'passed', 'close', 1)], 2);
      await first.close();
      const again = await open(false);
      try {
        expect(await again.getMeta('join-code')).toBe('XYZ-789');
        expect(await again.getMeta('missing')).toBeUndefined();
        expect((await again.seatByToken(s.token))?.id).toBe(s.id);
        expect((await again.allEvents()).map((e) => e.id)).toEqual(['d1']);
      } finally {
        await again.close();
      }
    });
  });
}
