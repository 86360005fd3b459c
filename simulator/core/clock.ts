/**
 * Virtual time for the whole simulation. Nothing in simulator/ reads the wall
 * clock: time is passed in and only moves when someone advances it, so a seed
 * plus a command list replays a run exactly (and tests can jump a day ahead).
 */
export type Timer = { readonly id: number; readonly at: number };

type Scheduled = { id: number; at: number; seq: number; fn: () => void };

/** 2026-03-03 09:00:00 UTC: a Tuesday morning, when the default scenario starts. */
export const DEFAULT_EPOCH = Date.UTC(2026, 2, 3, 9, 0, 0);

export class VirtualClock {
  private current: number;
  private queue: Scheduled[] = [];
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
    this.queue.push({ id, at: when, seq: this.seq++, fn });
    return { id, at: when };
  }

  after(delayMs: number, fn: () => void): Timer {
    return this.at(this.current + delayMs, fn);
  }

  cancel(timer: Timer | undefined): void {
    if (!timer) return;
    this.queue = this.queue.filter((s) => s.id !== timer.id);
  }

  /** When the next event is due, or undefined when nothing is scheduled. */
  nextDue(): number | undefined {
    let best: Scheduled | undefined;
    for (const s of this.queue) if (!best || s.at < best.at || (s.at === best.at && s.seq < best.seq)) best = s;
    return best?.at;
  }

  /** Move time forward to `target`, running every event due on the way, in order. */
  advanceTo(target: number): number {
    let ran = 0;
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > target) break;
      const idx = this.indexOfNext();
      const [event] = this.queue.splice(idx, 1);
      if (!event) break;
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
    return this.queue.length;
  }

  private indexOfNext(): number {
    let idx = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[idx]!;
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) idx = i;
    }
    return idx;
  }
}
