/** The one way every transport opens a learner's shell on a simulation. */
import type { Simulation } from '../simulation.ts';
import { ShellSession } from './session.ts';
import { SimulatorRunner } from './runner.ts';
import type { TerminalPort } from './terminal.ts';

export const MOTD =
  'Relay Lab: corp.example operations workstation (simulated network).\n' +
  "Type 'help' to list commands. Try: telnet mail.corp.example 25\n\n";

export function createShell(sim: Simulation, terminal: TerminalPort, opts: { motd?: string } = {}): ShellSession {
  return new ShellSession(terminal, {
    identity: { user: 'admin', host: 'ops', cwd: '/home/admin', home: '/home/admin' },
    runner: new SimulatorRunner(sim),
    motd: opts.motd ?? MOTD,
  });
}
