/**
 * What smtpd works out about a recipient besides the relay decision: the queue
 * entry for an accepted RCPT (the address after canonical rewriting, the one
 * the client gave kept for the logs), and the answer to VRFY.
 */
import { resolveAddress, resolveContext, type Decision, type EffectiveConfig } from '../postfix/index.ts';
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

/** VRFY's own checks before the recipient restrictions run; undefined when they pass. */
export function vrfyPrecheck(config: EffectiveConfig, arg: string): string | undefined {
  if (config.bool('disable_vrfy_command')) return '502 5.5.1 VRFY command is disabled';
  const addr = arg.trim().replace(/^<(.*)>$/, '$1');
  if (!addr) return '501 5.5.4 Syntax: VRFY address';
  return undefined;
}
