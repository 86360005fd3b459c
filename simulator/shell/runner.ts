/**
 * Runs one command line against the simulation: looks the command up in the
 * registry (for the current host) and reports unknown ones the way bash does,
 * plus a pointer to help.
 */
import type { Simulation } from '../simulation.ts';
import type { CommandIO, CommandRunner } from './session.ts';
import { commandsOn, findCommand } from './commands/registry.ts';
import { splitWords } from './words.ts';

export class SimulatorRunner implements CommandRunner {
  constructor(private readonly sim: Simulation) {}

  async run(line: string, io: CommandIO): Promise<number> {
    const { words, error } = splitWords(line.trim());
    if (error) {
      io.err(`-bash: ${error}\n`);
      return 2;
    }
    const [name, ...args] = words;
    if (!name) return 0;
    const machine = this.sim.machine(io.identity.host);
    const command = findCommand(name, machine.host);
    if (!command) {
      const shown = name.length > 60 ? name.slice(0, 60) + '…' : name;
      io.err(`-bash: ${shown}: command not found\n`);
      io.err(`(type 'help' to see the commands on ${io.identity.host})\n`);
      return 127;
    }
    return command.run({
      sim: this.sim,
      args,
      machine,
      user: io.identity.user,
      cwd: io.identity.cwd,
      home: io.identity.home,
      stdin: '',
      out: io.out,
      err: io.err,
      signal: io.signal,
      tty: io,
    });
  }

  complete(line: string, io: CommandIO): string[] {
    const words = line.split(/\s+/);
    if (words.length > 1) {
      const last = words[words.length - 1] ?? '';
      const hosts = this.sim.hostNames().flatMap((h) => [h, h.split('.')[0]!]);
      return [...new Set(hosts)].filter((h) => h.startsWith(last) && h !== last).map((h) => h.slice(last.length) + ' ');
    }
    const partial = words[0] ?? '';
    return commandsOn(this.sim.machine(io.identity.host).host)
      .map((c) => c.name)
      .filter((n) => n.startsWith(partial))
      .map((n) => n.slice(partial.length) + ' ');
  }
}
