/**
 * "Tested from inside": an SMTP session from a company machine whose address
 * is in mynetworks got a foreign recipient accepted. The server relays for it
 * on purpose (permit_mynetworks), so the test says nothing about strangers.
 * Read from the smtpd step in the event stream and the config in effect.
 */
import type { EventOf } from '../core/events.ts';
import type { GraderEnv } from '../grader/grader-env.ts';
import type { Lab, LabStep } from '../labs/schema.ts';
import { matchNet, parsePath, resolveAddress, resolveContext } from '../postfix/index.ts';

/** The answer facts that are about how the server treats relay attempts from outside. */
const RELAY_FACTS = new Set(['manual-relay', 'battery-accepted', 'open-relay']);

/**
 * A step about testing the relay: it checks the relay battery or asks what a
 * relay test found. A step that also proves outbound mail from the LAN expects
 * relaying from inside, so it is not one.
 */
export function isRelayTestStep(step: LabStep): boolean {
  const kinds = step.checks.map((c) => c.kind);
  if (kinds.includes('mail-outbound')) return false;
  return kinds.includes('relay-battery') || step.checks.some((c) => c.kind === 'answer' && RELAY_FACTS.has(String(c.fact)));
}

export function relayTestSteps(lab: Lab): Set<string> {
  return new Set(lab.steps.filter(isRelayTestStep).map((s) => s.id));
}

/** The short name of the inside machine when this accepted RCPT relayed for a client in mynetworks; else undefined. */
export function relayedFromInside(sim: GraderEnv, e: EventOf<'smtp'>): string | undefined {
  if (e.probe || e.via !== 'wire' || e.command !== 'RCPT' || !/^2/.test(e.reply) || !e.fromHost) return undefined;
  const host = sim.findHost(e.fromHost);
  if (!host || host.zone !== 'corp') return undefined;
  const config = sim.mailServer.services.get(e.service)?.config;
  if (!config || !config.networks().some((n) => matchNet(n, e.clientIp))) return undefined;
  const path = parsePath(e.argument.replace(/^TO:\s*/i, ''), 'recipient', { smtputf8: true });
  if (!path.ok) return undefined;
  // 'default' is what reject_unauth_destination refuses: a domain this server neither delivers nor relays for.
  return resolveAddress(path.address, resolveContext(config)).cls === 'default' ? host.short : undefined;
}
