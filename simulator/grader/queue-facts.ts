/**
 * What the grader knows about the mail queue: which queued messages are
 * relayed spam and which are legitimate, judged from the queue file itself
 * (the Received: header Postfix wrote — client address and protocol), never
 * from how the scenario made them. A baseline taken when the lab starts lets
 * the queue check say what became of each message: still queued, delivered,
 * or deleted by the learner (postsuper writes that to mail.log).
 */
import type { GraderEnv } from './grader-env.ts';
import type { QueuedMessage } from '../mail/queue.ts';
import { networkOf } from '../net/topology.ts';
import { t } from '../i18n/t.ts';

export type QueuedMail = {
  id: string;
  sender: string;
  recipients: string[];
  /** Client address that handed the message in, from the Received: header. */
  client: string;
  spam: boolean;
};

const RECEIVED = /^Received: from [^\n]*\[([0-9a-fA-F.:]+)\]\)?\n\tby \S+ \(Postfix\) with (\S+)/;

/**
 * Spam here means what an open relay is abused for: mail for other domains
 * handed in by a client outside the company network that did not log in.
 * Mail from the LAN, from authenticated users, or for local users is legitimate.
 */
export function describeQueued(sim: GraderEnv, m: QueuedMessage): QueuedMail {
  const match = RECEIVED.exec(m.received);
  const client = match?.[1] ?? '127.0.0.1';
  const proto = match?.[2] ?? 'local';
  const inside = client.startsWith('127.') || networkOf(sim.topology, client) === 'lan';
  const authenticated = /A$/.test(proto);
  const recipients = m.rcpts.map((r) => r.orig ?? r.address);
  const relayed = m.rcpts.length > 0 && m.rcpts.every((r) => !r.local);
  return { id: m.id, sender: m.sender, recipients, client, spam: relayed && !inside && !authenticated };
}

export function queuedMail(sim: GraderEnv): QueuedMail[] {
  return sim.mailServer.queue.all().map((m) => describeQueued(sim, m));
}

const baselines = new WeakMap<GraderEnv, QueuedMail[]>();

/** Remember the queue as the lab starts, so later checks can tell what the learner did to it. */
export function recordQueueBaseline(sim: GraderEnv): void {
  baselines.set(sim, queuedMail(sim));
}

export function queueBaseline(sim: GraderEnv): readonly QueuedMail[] {
  return baselines.get(sim) ?? [];
}

/** What mail.log says happened to queued messages: delivered (status=sent) or deleted (postsuper). */
export function queueFates(sim: GraderEnv, ids: ReadonlySet<string>): { delivered: Set<string>; deleted: Set<string> } {
  const delivered = new Set<string>();
  const deleted = new Set<string>();
  for (const line of sim.mailServer.log.slice()) {
    const m = /postfix\/(smtp|local|postsuper)\[\d+\]: ([0-9A-F]+): (.*)$/.exec(line);
    if (!m || !ids.has(m[2]!)) continue;
    if (m[1] === 'postsuper' && m[3] === 'removed') deleted.add(m[2]!);
    else if (m[1] !== 'postsuper' && /status=sent/.test(m[3]!)) delivered.add(m[2]!);
  }
  return { delivered, deleted };
}

/** "alice@corp.example → anna@freemail.example (4F1A2B3C4D)". */
export function describeMail(m: QueuedMail): string {
  const to = m.recipients.length > 1 ? t('grader.list.and-more', { items: m.recipients[0]!, n: m.recipients.length - 1 }) : m.recipients[0] ?? '?';
  return t('grader.mail.summary', { sender: m.sender || 'MAILER-DAEMON', to, id: m.id });
}
