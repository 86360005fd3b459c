/**
 * The Postfix queue manager: hands recipients to the delivery agents
 * (delivery-agents.ts: local mailboxes, remote delivery on the virtual clock
 * through the remote-MX model), deferral with backoff, bounces (a notification
 * to a local sender), hold and delete.
 * One clock event at a time covers the whole queue (a day of spam would
 * otherwise put thousands of timers on the clock).
 */
import type { Timer } from '../core/clock.ts';
import { formatQueue, msg, type QueueEntry } from '../postfix/index.ts';
import { deliverLocal, deliverRemote } from './delivery-agents.ts';
import { bounceNotice, headerBlock } from './bounce-notice.ts';
import type { MailServer } from './mail-server.ts';
import { eagerContent, type MessageContent } from './message.ts';
import type { Connected } from './remote-mx.ts';

export type QueueRecipient = { address: string; orig?: string; domain: string; local: boolean; reason?: string };

export type QueuedMessage = {
  id: string;
  sender: string;
  rcpts: QueueRecipient[];
  content: MessageContent;
  received: string;
  arrival: number;
  queue?: 'active' | 'deferred' | 'hold';
  nextAttempt?: number;
  backoff?: number;
};

/** First remote attempt happens this long after arrival (qmgr + smtp connection setup). */
const FIRST_ATTEMPT_MS = 1000;

export class MailQueue {
  private readonly items = new Map<string, QueuedMessage>();
  private timer?: Timer;
  /** One callback for the delivery agents, made once rather than per message. */
  private readonly onBounce = (m: QueuedMessage, rcpt: string, why: string, dsn: string) => this.bounce(m, rcpt, why, dsn);

  constructor(private readonly server: MailServer) {}

  get length(): number {
    return this.items.size;
  }

  has(id: string): boolean {
    return this.items.has(id);
  }

  get(id: string): QueuedMessage | undefined {
    return this.items.get(id);
  }

  all(): QueuedMessage[] {
    return [...this.items.values()];
  }

  enqueue(m: QueuedMessage): void {
    const s = this.server;
    const size = m.received.length + m.content.size;
    s.log.write('postfix/qmgr', s.pids.qmgr, msg.qmgrFrom(m.id, m.sender, size, m.rcpts.length));
    m.queue = 'active';
    this.items.set(m.id, m);
    const ev = s.sim.events;
    if (ev.active) ev.emit({ type: 'queue', at: s.now(), action: 'queued', qid: m.id, sender: m.sender, recipients: m.rcpts.map((r) => r.address) });
    const remote: QueueRecipient[] = [];
    for (const r of m.rcpts) {
      if (r.local) deliverLocal(s, m, r, this.onBounce);
      else remote.push(r);
    }
    m.rcpts = remote;
    if (remote.length === 0) return this.finish(m);
    m.nextAttempt = s.now() + FIRST_ATTEMPT_MS;
    this.schedule();
  }

  /** One remote attempt; what stays deferred retries with backoff until maximal_queue_lifetime. */
  private attemptRemote(m: QueuedMessage, connections: Map<string, Connected>): void {
    const s = this.server;
    const now = s.now();
    const pending = deliverRemote(s, m, now, connections, this.onBounce);
    m.rcpts = pending;
    if (pending.length === 0) return this.finish(m);
    const cfg = s.mainConfig();
    if (now - m.arrival >= cfg.timeMs('maximal_queue_lifetime')) {
      s.log.write('postfix/qmgr', s.pids.qmgr, `${m.id}: from=<${m.sender}>, status=expired, returned to sender`);
      for (const r of pending) this.bounce(m, r.address, 'message expired', '4.4.7');
      m.rcpts = [];
      return this.finish(m);
    }
    m.queue = 'deferred';
    const min = cfg.timeMs('minimal_backoff_time');
    m.backoff = Math.min(Math.max(min, (m.backoff ?? 0) * 2), cfg.timeMs('maximal_backoff_time'));
    m.nextAttempt = now + m.backoff;
  }

  /** A non-delivery notification, only to local senders (this lab keeps backscatter out). */
  private bounce(m: QueuedMessage, rcpt: string, why: string, dsn: string): void {
    const s = this.server;
    if (m.sender === '' || !s.isLocalAddress(m.sender)) return;
    const id = s.newQueueId();
    s.log.write('postfix/bounce', s.pids.bounce, `${m.id}: sender non-delivery notification: ${id}`);
    const host = s.mainConfig().get('myhostname');
    const headers = m.received + headerBlock(m.content.text());
    const content = eagerContent(bounceNotice({ host, id, origId: m.id, arrival: m.arrival, now: s.now(), sender: m.sender, rcpt, why, dsn, headers }));
    s.log.write('postfix/cleanup', s.pids.cleanup, msg.messageId(id, content.messageId));
    const at = m.sender.lastIndexOf('@');
    this.enqueue({ id, sender: '', rcpts: [{ address: m.sender, domain: m.sender.slice(at + 1), local: true }], content, received: '', arrival: s.now() });
  }

  private finish(m: QueuedMessage): void {
    this.items.delete(m.id);
    this.server.log.write('postfix/qmgr', this.server.pids.qmgr, msg.removed(m.id));
    const ev = this.server.sim.events;
    if (ev.active) ev.emit({ type: 'queue', at: this.server.now(), action: 'removed', qid: m.id });
  }

  /** One clock event for the earliest due message. */
  schedule(): void {
    let due: number | undefined;
    for (const m of this.items.values()) if (m.queue !== 'hold' && m.nextAttempt !== undefined && (due === undefined || m.nextAttempt < due)) due = m.nextAttempt;
    if (due === undefined || (this.timer && this.timer.at <= due)) return;
    this.server.clock().cancel(this.timer);
    this.timer = this.server.clock().at(due, () => this.run());
  }

  private run(): void {
    this.timer = undefined;
    if (!this.server.running) return;
    const now = this.server.now();
    const due = [...this.items.values()].filter((m) => m.queue !== 'hold' && (m.nextAttempt ?? Infinity) <= now);
    due.sort((a, b) => a.nextAttempt! - b.nextAttempt!);
    const connections = new Map<string, Connected>();
    for (const m of due) this.attemptRemote(m, connections);
    this.schedule();
  }

  /** postsuper -d: ids removed. */
  remove(ids: readonly string[] | 'ALL', queue?: 'deferred' | 'hold' | 'active'): string[] {
    const out: string[] = [];
    for (const m of [...this.items.values()]) {
      if (ids !== 'ALL' && !ids.includes(m.id)) continue;
      if (queue && m.queue !== queue) continue;
      this.items.delete(m.id);
      out.push(m.id);
      const ev = this.server.sim.events;
      if (ev.active) ev.emit({ type: 'queue', at: this.server.now(), action: 'deleted', qid: m.id, sender: m.sender, recipients: m.rcpts.map((r) => r.address) });
    }
    return out;
  }

  /** postsuper -h / -H: ids changed. */
  hold(ids: readonly string[] | 'ALL', on: boolean): string[] {
    const out: string[] = [];
    for (const m of this.items.values()) {
      if (ids !== 'ALL' && !ids.includes(m.id)) continue;
      if (on === (m.queue === 'hold')) continue;
      m.queue = on ? 'hold' : 'deferred';
      if (!on) m.nextAttempt = this.server.now();
      out.push(m.id);
    }
    this.schedule();
    return out;
  }

  /** postsuper -r: ids requeued (they go through the queue manager again at once; held mail stays held). */
  requeue(ids: readonly string[] | 'ALL'): string[] {
    const out: string[] = [];
    for (const m of this.items.values()) {
      if (ids !== 'ALL' && !ids.includes(m.id)) continue;
      if (m.queue !== 'hold') m.nextAttempt = this.server.now();
      out.push(m.id);
    }
    this.schedule();
    return out;
  }

  /** postqueue -f / postfix flush: attempt every deferred message now. */
  flush(): void {
    for (const m of this.items.values()) if (m.queue !== 'hold') m.nextAttempt = this.server.now();
    this.server.clock().cancel(this.timer);
    this.timer = undefined;
    this.schedule();
  }

  entries(): QueueEntry[] {
    return this.all().map((m) => ({
      id: m.id,
      queue: m.queue ?? 'active',
      size: m.received.length + m.content.size,
      arrival: m.arrival,
      sender: m.sender,
      recipients: m.rcpts.map((r) => ({ address: r.orig ?? r.address, reason: m.queue === 'deferred' ? r.reason : undefined })),
    }));
  }

  format(): string {
    return formatQueue(this.entries());
  }
}
