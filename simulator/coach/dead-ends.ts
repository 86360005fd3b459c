/**
 * Dead ends: things done to the starting queue that no later command can
 * undo, so a lab whose `queue` check forbids them cannot be finished any more
 * — spam from the starting queue delivered, a colleague's legitimate mail
 * deleted. Read from the queue's and the delivery agents' events, against the
 * baseline the lab recorded as it started (grader/queue-facts.ts).
 */
import type { NetEvent } from '../core/events.ts';
import type { GraderEnv } from '../grader/grader-env.ts';
import type { Lab } from '../labs/schema.ts';
import { describeMail, queueBaseline, type QueuedMail } from '../grader/queue-facts.ts';

export type DeadEnd = { id: 'spam-delivered'; relay: string } | { id: 'legit-deleted'; mail: string };

export class DeadEnds {
  private readonly spam = new Map<string, QueuedMail>();
  private readonly legit = new Map<string, QueuedMail>();
  private readonly delivered = new Set<string>();

  constructor(sim: GraderEnv, lab: Lab) {
    const queueChecks = lab.steps.flatMap((s) => s.checks).filter((c) => c.kind === 'queue');
    // The queue check's defaults are spam "none" and legit "kept".
    const spamMatters = queueChecks.some((c) => (c.spam ?? 'none') === 'none');
    const legitMatters = queueChecks.some((c) => (c.legit ?? 'kept') === 'kept');
    for (const m of queueBaseline(sim)) {
      if (m.spam && spamMatters) this.spam.set(m.id, m);
      if (!m.spam && legitMatters) this.legit.set(m.id, m);
    }
  }

  /** The dead end this event makes, if any. */
  see(e: NetEvent): DeadEnd | undefined {
    if (e.type === 'delivery' && e.status === 'sent') {
      this.delivered.add(e.qid);
      if (this.spam.has(e.qid)) return { id: 'spam-delivered', relay: e.relay.replace(/\[.*$/, '') };
    }
    if (e.type === 'queue' && e.action === 'deleted') {
      const m = this.legit.get(e.qid);
      // Mail that reached some recipients already is not lost by deleting what is left of it.
      if (m && !this.delivered.has(e.qid)) return { id: 'legit-deleted', mail: describeMail(m) };
    }
    return undefined;
  }
}
