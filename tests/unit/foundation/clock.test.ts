/**
 * VirtualClock: events run in (time, scheduling order); cancel() is lazy (a heap, cancelled
 * events dropped when they surface or in one rebuild) and must behave exactly as removing the
 * event at once did — checked against a plain-list model over thousands of seeded operations,
 * including schedules and cancels made from inside running events.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock, type Timer } from '../../../simulator/core/clock.ts';
import { SeededRandom } from '../../../simulator/core/rng.ts';

/** The obvious implementation (the clock before the heap): a list, filtered on cancel, scanned for the next event. */
class ListClock {
  private queue: Array<{ id: number; at: number; seq: number; fn: () => void }> = [];
  private id = 1;
  private seq = 0;
  constructor(private current: number) {}
  now() {
    return this.current;
  }
  at(at: number, fn: () => void): Timer {
    const when = Math.max(at, this.current);
    const id = this.id++;
    this.queue.push({ id, at: when, seq: this.seq++, fn });
    return { id, at: when };
  }
  cancel(t: Timer | undefined) {
    if (t) this.queue = this.queue.filter((s) => s.id !== t.id);
  }
  pending() {
    return this.queue.length;
  }
  nextDue() {
    return this.queue.length ? Math.min(...this.queue.map((s) => s.at)) : undefined;
  }
  advanceTo(target: number) {
    let ran = 0;
    for (;;) {
      const next = [...this.queue].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next.at > target) break;
      this.queue = this.queue.filter((s) => s !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
      ran++;
    }
    this.current = Math.max(this.current, target);
    return ran;
  }
}

describe('VirtualClock', () => {
  it('runs events in time order, equal times in scheduling order, and moves now() to each', () => {
    const c = new VirtualClock(0);
    const seen: string[] = [];
    c.at(30, () => seen.push(`c@${c.now()}`));
    c.at(10, () => seen.push(`a@${c.now()}`));
    c.at(10, () => seen.push(`b@${c.now()}`));
    c.after(5, () => seen.push(`first@${c.now()}`));
    expect(c.nextDue()).toBe(5);
    expect(c.advanceTo(20)).toBe(3);
    expect(seen).toEqual(['first@5', 'a@10', 'b@10']);
    expect(c.now()).toBe(20);
    expect(c.pending()).toBe(1);
    // A time in the past is now.
    c.at(1, () => seen.push(`late@${c.now()}`));
    c.advance(0);
    expect(seen.at(-1)).toBe('late@20');
  });

  it('cancel: the event never runs and is not pending; cancelling twice, a run event or undefined changes nothing', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    const a = c.at(10, () => seen.push(1));
    const b = c.at(10, () => seen.push(2));
    c.cancel(a);
    c.cancel(a);
    c.cancel(undefined);
    expect(c.pending()).toBe(1);
    expect(c.nextDue()).toBe(10);
    c.advance(10);
    c.cancel(b);
    expect(seen).toEqual([2]);
    expect(c.pending()).toBe(0);
    expect(c.nextDue()).toBeUndefined();
  });

  it('a cancelled event at the head is skipped by nextDue() and advanceTo()', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    const head = c.at(1, () => seen.push(1));
    c.at(50, () => seen.push(50));
    c.cancel(head);
    expect(c.nextDue()).toBe(50);
    expect(c.advanceTo(10)).toBe(0);
    expect(c.advanceTo(50)).toBe(1);
    expect(seen).toEqual([50]);
  });

  it('an event may cancel a later one and schedule another that is due in the same advance', () => {
    const c = new VirtualClock(0);
    const seen: string[] = [];
    const later = c.at(20, () => seen.push('later'));
    c.at(10, () => {
      c.cancel(later);
      c.at(15, () => seen.push('scheduled inside'));
    });
    expect(c.advanceTo(30)).toBe(2);
    expect(seen).toEqual(['scheduled inside']);
  });

  it('after many cancels (the rebuild) order and pending() are unchanged', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    const timers = Array.from({ length: 1000 }, (_, i) => c.at(1000 - i, () => seen.push(1000 - i)));
    timers.forEach((t, i) => i % 10 !== 0 && c.cancel(t));
    expect(c.pending()).toBe(100);
    c.advance(1000);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => 10 + i * 10));
  });

  it('agrees with a plain list, step by step, over seeded schedules, cancels and advances', () => {
    for (const seed of [1, 2, 3, 42, 2024]) {
      const rng = new SeededRandom(seed);
      const heap = new VirtualClock(0);
      const list = new ListClock(0);
      const logHeap: string[] = [];
      const logList: string[] = [];
      const pairs: Array<[Timer, Timer]> = [];
      // Each event, when it runs, may schedule or cancel in both clocks alike (the rng decides before the run).
      const schedule = (at: number, name: string, nested: boolean) => {
        const cancelIdx = nested && pairs.length && rng.chance(0.3) ? rng.int(0, pairs.length - 1) : -1;
        const child = nested && rng.chance(0.3) ? rng.int(0, 50) : -1;
        const make = (clock: VirtualClock | ListClock, log: string[], side: 0 | 1) => () => {
          log.push(`${name}@${clock.now()}`);
          if (cancelIdx >= 0) clock.cancel(pairs[cancelIdx]![side]);
          if (child >= 0) clock.at(clock.now() + child, () => log.push(`${name}.child@${clock.now()}`));
        };
        pairs.push([heap.at(at, make(heap, logHeap, 0)), list.at(at, make(list, logList, 1))]);
      };
      for (let step = 0; step < 2000; step++) {
        const r = rng.next();
        if (r < 0.5) schedule(heap.now() + rng.int(0, 500), `e${step}`, rng.chance(0.5));
        else if (r < 0.8 && pairs.length) {
          const [h, l] = pairs[rng.int(0, pairs.length - 1)]!;
          heap.cancel(h);
          list.cancel(l);
        } else {
          const to = heap.now() + rng.int(0, 200);
          expect(heap.advanceTo(to)).toBe(list.advanceTo(to));
        }
        expect(heap.pending()).toBe(list.pending());
        expect(heap.nextDue()).toBe(list.nextDue());
      }
      expect(heap.advanceTo(heap.now() + 1e6)).toBe(list.advanceTo(list.now() + 1e6));
      expect(logHeap).toEqual(logList);
      expect(logHeap.length).toBeGreaterThan(300);
    }
  });
});
