/**
 * Virtual time for the whole simulation. Nothing in simulator/ reads the wall
 * clock: time is passed in and only moves when someone advances it, so a seed
 * plus a command list replays a run exactly (and tests can jump a day ahead).
 */
export type Timer = { readonly id: number; readonly at: number };

type Scheduled = { id: number; at: number; seq: number; fn: () => void; cancelled?: boolean };

/** 2026-03-03 09:00:00 UTC: a Tuesday morning, when the default scenario starts. */
export const DEFAULT_EPOCH = Date.UTC(2026, 2, 3, 9, 0, 0);

/**
 * The schedule is a binary heap ordered by (at, seq): at() and the next due event are
 * O(log n). cancel() is lazy — the event is marked and forgotten by id, and dropped when it
 * reaches the top (or when cancelled events outnumber live ones, in one rebuild) — so a
 * workshop's 200 sessions re-arming and cancelling their timeouts never walk the whole list.
 */
export class VirtualClock {
  private current: number;
  private heap: Scheduled[] = [];
  /** Events not yet run nor cancelled, by id (what cancel() and pending() look at). */
  private readonly live = new Map<number, Scheduled>();
  /** Cancelled events still in the heap. */
  private dead = 0;
  private nextId = 1;
  private seq = 0;

  constructor(startMs: number = DEFAULT_EPOCH) {
    this.current = startMs;
  }

  /** Milliseconds since the Unix epoch, in simulated time. */
  now(): number {
    return this.current;
  }

  /** Run fn when simulated time reaches `at`. Events at equal times run in scheduling order. */
  at(at: number, fn: () => void): Timer {
    const id = this.nextId++;
    const when = Math.max(at, this.current);
    const event: Scheduled = { id, at: when, seq: this.seq++, fn };
    this.live.set(id, event);
    this.heap.push(event);
    this.up(this.heap.length - 1);
    return { id, at: when };
  }

  after(delayMs: number, fn: () => void): Timer {
    return this.at(this.current + delayMs, fn);
  }

  cancel(timer: Timer | undefined): void {
    if (!timer) return;
    const event = this.live.get(timer.id);
    if (!event) return;
    this.live.delete(timer.id);
    event.cancelled = true;
    this.dead++;
    if (this.dead > 64 && this.dead > this.live.size) this.rebuild();
  }

  /** When the next event is due, or undefined when nothing is scheduled. */
  nextDue(): number | undefined {
    return this.top()?.at;
  }

  /** Move time forward to `target`, running every event due on the way, in order. */
  advanceTo(target: number): number {
    let ran = 0;
    for (let event = this.top(); event && event.at <= target; event = this.top()) {
      this.pop();
      this.live.delete(event.id);
      this.current = Math.max(this.current, event.at);
      event.fn();
      ran++;
    }
    this.current = Math.max(this.current, target);
    return ran;
  }

  advance(ms: number): number {
    return this.advanceTo(this.current + ms);
  }

  pending(): number {
    return this.live.size;
  }

  /** The next live event, after dropping cancelled ones from the top. */
  private top(): Scheduled | undefined {
    while (this.heap.length && this.heap[0]!.cancelled) {
      this.pop();
      this.dead--;
    }
    return this.heap[0];
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  /** Drop every cancelled event at once and re-heapify (Floyd: O(n)). */
  private rebuild(): void {
    this.heap = this.heap.filter((e) => !e.cancelled);
    this.dead = 0;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private up(i: number): void {
    const h = this.heap;
    const e = h[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(e, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = e;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const e = h[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(h[child + 1]!, h[child]!)) child++;
      if (!before(h[child]!, e)) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = e;
  }
}

/** Heap order: earlier time first; at the same time, scheduling order. */
function before(a: Scheduled, b: Scheduled): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
