/**
 * The Postfix queue manager: local delivery into /var/mail/USER, remote
 * delivery on the virtual clock through the remote-MX model, deferral with
 * backoff, bounces (a notification to a local sender), hold and delete.
 * One clock event at a time covers the whole queue (a day of spam would
 * otherwise put thousands of timers on the clock).
 */
import type { Timer } from '../core/clock.ts';
import { deliveryLine, formatQueue, msg, type QueueEntry } from '../postfix/index.ts';
import { mboxEntry } from './mailbox.ts';
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
    const remote: QueueRecipient[] = [];
    for (const r of m.rcpts) {
      if (r.local) this.deliverLocal(m, r);
      else remote.push(r);
    }
    m.rcpts = remote;
    if (remote.length === 0) return this.finish(m);
    m.nextAttempt = s.now() + FIRST_ATTEMPT_MS;
    this.schedule();
  }

  private deliverLocal(m: QueuedMessage, r: QueueRecipient): void {
    const s = this.server;
    const at = r.address.lastIndexOf('@');
    let user = r.address.slice(0, at).toLowerCase();
    const delim = s.mainConfig().get('recipient_delimiter');
    if (delim && user.includes(delim)) user = user.slice(0, user.indexOf(delim));
    const target = s.resolveAlias(user);
    const to = `${target}@${r.address.slice(at + 1)}`;
    const orig = target !== user ? r.orig ?? r.address : r.orig;
    const base = { qid: m.id, to, origTo: orig, relay: 'local', delay: 0.03, delays: [0.01, 0.01, 0, 0.01] as const };
    if (!s.localUsers().has(target)) {
      s.log.write('postfix/local', s.pids.local, deliveryLine({ ...base, dsn: '5.1.1', status: 'bounced', detail: `unknown user: "${target}"` }));
      s.stats.bounced++;
      this.bounce(m, to, 'unknown user');
      return;
    }
    // The mbox entry is rendered when the mailbox is read: a day's bulk mail would otherwise hold every body in memory.
    const entry = { from: m.sender, to: r.orig ?? r.address, arrivedAt: s.now() };
    const { received, content } = m;
    s.fs().appendDeferred(`/var/mail/${target}`, () => mboxEntry({ ...entry, data: received + content.text() }));
    s.log.write('postfix/local', s.pids.local, deliveryLine({ ...base, dsn: '2.0.0', status: 'sent', detail: 'delivered to mailbox' }));
    s.stats.delivered++;
  }

  private attemptRemote(m: QueuedMessage, connections: Map<string, Connected>): void {
    const s = this.server;
    const now = s.now();
    const pending: QueueRecipient[] = [];
    for (const r of m.rcpts) {
      const a = s.remoteMx.deliver(r.domain, m.sender, r.address, connections);
      const delay = (now - m.arrival) / 1000;
      const xfer = Math.min(0.45, Math.max(0, delay - 0.55));
      const delays = [0.04, Math.max(0, delay - 0.99), 0.5, xfer] as const;
      s.log.write('postfix/smtp', s.pids.smtp, deliveryLine({ qid: m.id, to: r.address, origTo: r.orig, relay: a.relay, delay, delays, dsn: a.dsn, status: a.status, detail: a.detail }));
      if (a.status === 'sent') s.stats.delivered++;
      else if (a.status === 'bounced') {
        s.stats.bounced++;
        this.bounce(m, r.address, a.detail);
      } else {
        s.stats.deferred++;
        pending.push({ ...r, reason: a.detail.replace(/^host \S+ said: /, '').replace(/ \(in reply to .*\)$/, '') });
      }
    }
    m.rcpts = pending;
    if (pending.length === 0) return this.finish(m);
    const cfg = s.mainConfig();
    if (now - m.arrival >= cfg.timeMs('maximal_queue_lifetime')) {
      s.log.write('postfix/qmgr', s.pids.qmgr, `${m.id}: from=<${m.sender}>, status=expired, returned to sender`);
      for (const r of pending) this.bounce(m, r.address, 'message expired');
      m.rcpts = [];
      return this.finish(m);
    }
    m.queue = 'deferred';
    const min = cfg.timeMs('minimal_backoff_time');
    m.backoff = Math.min(Math.max(min, (m.backoff ?? 0) * 2), cfg.timeMs('maximal_backoff_time'));
    m.nextAttempt = now + m.backoff;
  }

  /** A non-delivery notification, only to local senders (this lab keeps backscatter out). */
  private bounce(m: QueuedMessage, rcpt: string, why: string): void {
    const s = this.server;
    if (m.sender === '' || !s.isLocalAddress(m.sender)) return;
    const id = s.newQueueId();
    s.log.write('postfix/bounce', s.pids.bounce, `${m.id}: sender non-delivery notification: ${id}`);
    const host = s.mainConfig().get('myhostname');
    const text = `From: MAILER-DAEMON@${host} (Mail Delivery System)\nTo: ${m.sender}\nSubject: Undelivered Mail Returned to Sender\nMessage-Id: <${id}@${host}>\n\nThis is the mail system at host ${host}.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<${rcpt}>: ${why}\n`;
    const content = eagerContent(text);
    s.log.write('postfix/cleanup', s.pids.cleanup, msg.messageId(id, content.messageId));
    const at = m.sender.lastIndexOf('@');
    this.enqueue({ id, sender: '', rcpts: [{ address: m.sender, domain: m.sender.slice(at + 1), local: true }], content, received: '', arrival: s.now() });
  }

  private finish(m: QueuedMessage): void {
    this.items.delete(m.id);
    this.server.log.write('postfix/qmgr', this.server.pids.qmgr, msg.removed(m.id));
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
