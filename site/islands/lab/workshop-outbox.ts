/**
 * The lab page's outbox for a workshop: every progress event is written to
 * localStorage before it is sent, and leaves only when the workshop has
 * acknowledged it (stored, in one transaction). Whatever was not acknowledged
 * — the server was killed, the laptop slept, the page was closed — is sent
 * again, with the same id, so the server stores it once.
 */
import type { ProgressChange } from '../../../simulator/grader/progress-events.ts';

export type OutboxEvent = ProgressChange & { id: string; lab: string; at: number; seq: number };

export type OutboxOptions = {
  storage: Storage;
  /** POST target, e.g. `/api/progress`. */
  endpoint: string;
  token: string;
  fetch?: typeof fetch;
  now?: () => number;
  newId?: () => string;
  /** Told after each attempt: how many wait, and whether the last send worked. */
  onState?: (s: { pending: number; ok: boolean }) => void;
  /** Backoff between failed sends: first and longest wait (ms). */
  retry?: { first: number; max: number };
};

export const OUTBOX_KEY = 'relaylab:workshop:outbox';
const SEQ_KEY = 'relaylab:workshop:seq';
const BATCH = 200;

export class Outbox {
  private sending: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wait: number;
  private stopped = false;

  constructor(private readonly opts: OutboxOptions) {
    this.wait = opts.retry?.first ?? 1000;
  }

  /** Waiting events, oldest first (read from storage: another tab of the workshop may have added some). */
  pending(): OutboxEvent[] {
    try {
      const parsed: unknown = JSON.parse(this.opts.storage.getItem(OUTBOX_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxEvent[]) : [];
    } catch {
      return [];
    }
  }

  private write(list: OutboxEvent[]): void {
    try {
      this.opts.storage.setItem(OUTBOX_KEY, JSON.stringify(list));
    } catch {
      /* storage full or refused: the events stay in this page's memory only (`memory`) */
    }
  }

  private nextSeq(): number {
    const n = Number(this.opts.storage.getItem(SEQ_KEY) ?? '0') + 1;
    try {
      this.opts.storage.setItem(SEQ_KEY, String(n));
    } catch {
      /* seq then only orders this page's events */
    }
    return n;
  }

  /** Keep, then send. Read-modify-write with no await between, so two tabs do not drop each other's events. */
  add(lab: string, changes: readonly ProgressChange[]): OutboxEvent[] {
    if (!changes.length) return [];
    const now = (this.opts.now ?? Date.now)();
    const newId = this.opts.newId ?? (() => crypto.randomUUID());
    const events = changes.map((c) => ({ ...c, id: newId(), lab, at: now, seq: this.nextSeq() }));
    this.write([...this.pending(), ...events]);
    void this.flush();
    return events;
  }

  /** Send what waits; one send at a time, a request during a send makes one more. Failures retry with backoff. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.sending) {
      this.again = true;
      return this.sending;
    }
    if (this.timer) clearTimeout(this.timer), (this.timer = undefined);
    const run = this.sendOnce().finally(() => {
      this.sending = undefined;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    this.sending = run;
    return run;
  }

  private async sendOnce(): Promise<void> {
    let batch = this.pending().slice(0, BATCH);
    while (batch.length) {
      let stored: string[];
      try {
        const res = await (this.opts.fetch ?? fetch)(this.opts.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.token}` },
          body: JSON.stringify({ sentAt: (this.opts.now ?? Date.now)(), events: batch }),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        stored = ((await res.json()) as { stored?: string[] }).stored ?? [];
      } catch {
        this.opts.onState?.({ pending: this.pending().length, ok: false });
        this.scheduleRetry();
        return;
      }
      const acked = new Set(stored);
      this.write(this.pending().filter((e) => !acked.has(e.id)));
      this.wait = this.opts.retry?.first ?? 1000;
      // Nothing acknowledged from a batch that was sent: do not spin on it.
      if (!batch.some((e) => acked.has(e.id))) {
        this.scheduleRetry();
        return;
      }
      batch = this.pending().slice(0, BATCH);
    }
    this.opts.onState?.({ pending: 0, ok: true });
  }

  private scheduleRetry(): void {
    if (this.stopped || this.timer) return;
    const wait = this.wait;
    this.wait = Math.min(this.wait * 2, this.opts.retry?.max ?? 10_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
