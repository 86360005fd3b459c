/**
 * What smtpd works out about a recipient besides the relay decision: the queue
 * entry for an accepted RCPT (the address after canonical rewriting, the one
 * the client gave kept for the logs), and the answer to VRFY.
 */
import { resolveAddress, resolveContext, type Decision, type EffectiveConfig } from '../postfix/index.ts';
import type { MailServer } from './mail-server.ts';
import type { QueueRecipient } from './queue.ts';

const contexts = new WeakMap<EffectiveConfig, ReturnType<typeof resolveContext>>();
function contextFor(config: EffectiveConfig) {
  let c = contexts.get(config);
  if (!c) contexts.set(config, (c = resolveContext(config)));
  return c;
}

/** The queue's record of a recipient that decideRecipient() accepted. */
export function queueRecipient(config: EffectiveConfig, d: Decision): QueueRecipient {
  const r = resolveAddress(d.recipient, contextFor(config));
  return { address: r.recipient, orig: r.recipient !== d.recipient ? d.recipient : undefined, domain: r.domain, local: d.local };
}

/** VRFY: Postfix answers 252 for anything it would try, 550 for an unknown local user. */
export function vrfyReply(server: MailServer, config: EffectiveConfig, arg: string): string {
  if (config.bool('disable_vrfy_command')) return '502 5.5.1 VRFY command is disabled';
  const addr = arg.trim().replace(/^<(.*)>$/, '$1');
  if (!addr) return '501 5.5.4 Syntax: VRFY address';
  const at = addr.lastIndexOf('@');
  const local = at < 0 || server.isLocalAddress(addr);
  const user = (at < 0 ? addr : addr.slice(0, at)).toLowerCase();
  const known = new Set([...(server.lookups.localUsers ?? [])].map((u) => u.toLowerCase()));
  if (local && !known.has(user)) return `550 5.1.1 <${addr}>: Recipient address rejected: User unknown in local recipient table`;
  return `252 2.0.0 ${addr}`;
}
