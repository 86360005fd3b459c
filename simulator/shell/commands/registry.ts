/**
 * Every command the learner can type, in one table: dispatch, `help`, tab
 * completion, man pages and a lab's allowed commands all derive from it.
 * Each group lives in its own module; add a group here to make it exist.
 */
import type { Host } from '../../net/topology.ts';
import type { CommandSpec } from '../command-spec.ts';
import { basicCommands } from './basics.ts';
import { telnetCommand } from './telnet.ts';
import { ncCommand } from './netcat.ts';
import { swaksCommand } from './swaks.ts';
import { sshCommand } from './ssh.ts';
import { netToolCommands } from './net-tools.ts';
import { socketCommands } from './sockets.ts';
import { processCommands } from './processes.ts';
import { systemdCommands } from './systemctl.ts';
import { sessionToolCommands } from './session-tools.ts';
import { textToolCommands } from './text-tools.ts';
import { worldCommands } from './world-tools.ts';
import { postfixCommands } from './postfix-tools.ts';
import { mailwatchCommand } from './mailwatch.ts';

const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'list the commands available on this host',
  usage: 'help',
  run: (ctx) => {
    const here = commandsOn(ctx.machine.host);
    const width = Math.max(...here.map((c) => c.name.length));
    ctx.out(`Commands on ${ctx.machine.host.short}:\n`);
    for (const c of here) ctx.out(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
    ctx.out('\nTry: telnet mail.corp.example 25\n');
    return 0;
  },
};

export const COMMANDS: CommandSpec[] = [
  helpCommand,
  telnetCommand,
  ncCommand,
  swaksCommand,
  sshCommand,
  ...netToolCommands,
  ...socketCommands,
  ...processCommands,
  ...systemdCommands,
  ...sessionToolCommands,
  ...basicCommands,
  ...textToolCommands,
  ...worldCommands,
  mailwatchCommand,
  ...postfixCommands,
];

export function commandsOn(host: Host): CommandSpec[] {
  return COMMANDS.filter((c) => !c.availableOn || c.availableOn(host));
}

export function findCommand(name: string, host: Host): CommandSpec | undefined {
  return commandsOn(host).find((c) => c.name === name);
}
