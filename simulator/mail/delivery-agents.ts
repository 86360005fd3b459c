/**
 * The delivery agents the queue manager hands recipients to: local(8) into
 * /var/mail/USER (aliases and recipient_delimiter applied) and smtp(8) through
 * the remote-MX model, each writing its mail.log line. Bouncing (bounce-notice.ts)
 * and retrying are the queue's.
 */
import { deliveryLine } from '../postfix/index.ts';
import { mboxEntry } from './mailbox.ts';
import type { MailServer } from './mail-server.ts';
import type { QueuedMessage, QueueRecipient } from './queue.ts';
import type { Connected } from './remote-mx.ts';

/** Called when a recipient of `m` cannot be delivered, at once, so its bounce lines follow the delivery line. */
export type OnBounce = (m: QueuedMessage, rcpt: string, why: string, dsn: string) => void;

/** local(8): one local recipient of `m`. */
function delivered(s: MailServer, qid: string, recipient: string, status: 'sent' | 'deferred' | 'bounced', relay: string, reply: string): void {
  const ev = s.sim.events;
  if (ev.active) ev.emit({ type: 'delivery', at: s.now(), qid, recipient, status, relay, reply });
}

export function deliverLocal(s: MailServer, m: QueuedMessage, r: QueueRecipient, bounce: OnBounce): void {
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
    delivered(s, m.id, to, 'bounced', 'local', `unknown user: "${target}"`);
    s.stats.bounced++;
    bounce(m, to, `unknown user: "${target}"`, '5.1.1');
    return;
  }
  // The mbox entry is rendered when the mailbox is read: a day's bulk mail would otherwise hold every body in memory.
  const entry = { from: m.sender, to: r.orig ?? r.address, arrivedAt: s.now() };
  const { received, content } = m;
  s.fs().appendDeferred(`/var/mail/${target}`, () => mboxEntry({ ...entry, data: received + content.text() }));
  s.log.write('postfix/local', s.pids.local, deliveryLine({ ...base, dsn: '2.0.0', status: 'sent', detail: 'delivered to mailbox' }));
  delivered(s, m.id, to, 'sent', 'local', 'delivered to mailbox');
  s.stats.delivered++;
}

/**
 * smtp(8): one attempt at every remote recipient of `m` at `now`, sharing `connections`
 * with the rest of this queue run. Returns the recipients deferred, with the reason mailq shows.
 */
export function deliverRemote(s: MailServer, m: QueuedMessage, now: number, connections: Map<string, Connected>, bounce: OnBounce): QueueRecipient[] {
  const pending: QueueRecipient[] = [];
  // relayhost: every non-local recipient goes to the smarthost instead of its domain's MX
  // (`[host]` skips the MX lookup; a `:port` suffix is kept out of the lookup, only port 25 exists here).
  const relayhost = s.mainConfig().get('relayhost').trim().replace(/:\d+$/, '');
  for (const r of m.rcpts) {
    const a = s.remoteMx.deliver(r.domain, m.sender, r.address, connections, relayhost || r.domain);
    const delay = (now - m.arrival) / 1000;
    const xfer = Math.min(0.45, Math.max(0, delay - 0.55));
    const delays = [0.04, Math.max(0, delay - 0.99), 0.5, xfer] as const;
    s.log.write('postfix/smtp', s.pids.smtp, deliveryLine({ qid: m.id, to: r.address, origTo: r.orig, relay: a.relay, delay, delays, dsn: a.dsn, status: a.status, detail: a.detail }));
    delivered(s, m.id, r.address, a.status, a.relay, a.detail);
    if (a.status === 'sent') s.stats.delivered++;
    else if (a.status === 'bounced') {
      s.stats.bounced++;
      bounce(m, r.address, a.detail, a.dsn);
    } else {
      s.stats.deferred++;
      pending.push({ ...r, reason: a.detail.replace(/^host \S+ said: /, '').replace(/ \(in reply to .*\)$/, '') });
    }
  }
  return pending;
}
