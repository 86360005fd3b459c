/** The one way every transport opens a learner's shell on a simulation. */
import type { Simulation } from '../simulation.ts';
import { loginUser } from '../host/base-files.ts';
import { ShellSession } from './session.ts';
import { SimulatorRunner } from './runner.ts';
import type { TerminalPort } from './terminal.ts';

export const MOTD =
  'Relay Lab: corp.example operations workstation (simulated network).\n' +
  "Type 'help' to list commands. Try: telnet mail.corp.example 25\n\n";

/** The greeting when a lab starts the learner elsewhere (e.g. on `outside`, the auditor's Internet host). */
function motdFor(host: { name: string; short: string; zone: string }): string {
  const where = host.zone === 'corp' ? `${host.name} (corp.example network)` : `${host.name}, a host on the Internet outside corp.example`;
  return `Relay Lab: you are on ${where} (simulated network).\nType 'help' to list commands.\n\n`;
}

export type ShellOptions = {
  motd?: string;
  /** Host the shell starts on, any name the learner could type (default `ops`, the admin workstation). */
  startHost?: string;
};

export function createShell(sim: Simulation, terminal: TerminalPort, opts: ShellOptions = {}): ShellSession {
  const host = sim.findHost(opts.startHost ?? 'ops');
  if (!host) throw new Error(`no such host: ${opts.startHost}`);
  const { user, home } = loginUser(host);
  return new ShellSession(terminal, {
    identity: { user, host: host.short, cwd: home, home },
    runner: new SimulatorRunner(sim),
    motd: opts.motd ?? (host.short === 'ops' ? MOTD : motdFor(host)),
    onHostChange: (from, to) => {
      if (sim.events.active) sim.events.emit({ type: 'host-change', at: sim.clock.now(), from, to });
    },
  });
}
