/** Shared steps for the world tests: a simulation with the world on, and the learner's fixes. */
import { iptables } from '../../../simulator/net/iptables.ts';
import { Simulation } from '../../../simulator/simulation.ts';
import { SUBMISSION_SERVICE } from '../../../simulator/mail/scenarios.ts';
import type { WorldOptions } from '../../../simulator/world/world-options.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export function worldSim(seed = 7, world: WorldOptions = {}, connectTimeoutMs?: number): Simulation {
  return new Simulation({ seed, world, connectTimeoutMs });
}

export function fwLines(sim: Simulation): string[] {
  return (sim.machine('fw').fs.tryRead('/var/log/firewall.log') ?? '').split('\n').filter(Boolean);
}

export function mailLog(sim: Simulation): string {
  return sim.machine('mail').fs.read('/var/log/mail.log');
}

/** Lesson 3 + 6: close the relay, enable submission with AUTH, reload. */
export function fixMailServer(sim: Simulation): void {
  const fs = sim.machine('mail').fs;
  const main = fs.read('/etc/postfix/main.cf').replace(/^mynetworks = .*$/m, 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24');
  fs.write('/etc/postfix/main.cf', main + 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n');
  fs.write('/etc/postfix/master.cf', fs.read('/etc/postfix/master.cf') + SUBMISSION_SERVICE);
  const r = sim.mailServer.reload();
  if (!r.ok) throw new Error('reload failed: ' + r.errors.map((e) => e.message).join('; '));
}

/** M3AAWG: only the mail server may talk SMTP to the Internet. */
export function blockOutbound25(sim: Simulation): void {
  for (const argv of [
    ['-A', 'FORWARD', '-s', '10.0.0.25', '-p', 'tcp', '--dport', '25', '-j', 'ACCEPT'],
    ['-A', 'FORWARD', '-i', 'eth1', '-p', 'tcp', '--dport', '25', '-j', 'DROP'],
  ]) {
    const r = iptables(sim.firewall, argv);
    if (r.exitCode !== 0) throw new Error(r.stderr);
  }
}
