/**
 * Scenario `bounce: USER`: the morning after the company's open relay was
 * abused, its mail server's public address is on the blocklist (as the
 * world's blocklist lists a relay, SBL), and USER's message to a customer
 * is refused by the customer's mail server. The refusal and the notice in
 * USER's mailbox are the simulation's own: the message goes through the same
 * smtpd steps as the wire (runSession), the queue hands it to smtp(8), the
 * remote-MX model answers `554 5.7.1 … blocked using zen.dnsbl.example`, and
 * bounce(8) writes the non-delivery notice (mail/bounce-notice.ts).
 */
import type { Simulation } from '../simulation.ts';
import { listIp } from '../net/dnsbl.ts';
import { MAIL_PUBLIC_IP } from '../net/corp-hosts.ts';
import { primaryIp, workstations } from '../net/topology.ts';

export const BOUNCE_RECIPIENT = 'orders@example.net';
export const BOUNCE_SUBJECT = 'Invoice 2026-0312 for your order';

export function seedBounce(sim: Simulation, user: string): void {
  const now = sim.clock.now();
  listIp(sim.dnsbl, MAIL_PUBLIC_IP, '127.0.0.2', { now: now - 6 * 3_600_000, reason: 'spam source (SBL): unsolicited bulk mail sent by this mail server' });
  const ws = workstations(sim.topology).find((h) => h.user === user);
  const from = `${user}@corp.example`;
  sim.mailServer.runSession({
    client: { ip: ws ? primaryIp(ws) : '10.0.0.10' },
    service: 'smtp',
    helo: ws?.name ?? 'ops.corp.example',
    mailFrom: from,
    rcptTo: [BOUNCE_RECIPIENT],
    message: { subject: BOUNCE_SUBJECT, size: 48_213 },
    tag: 'legit',
  });
  // The first delivery attempt happens a second later; the notice is in the mailbox before the learner looks.
  sim.clock.advance(30_000);
}
