/** Commands every host has that are about the session itself (echo is just-bash's). */
import type { CommandSpec } from '../command-spec.ts';
import { dateCommand } from '../../core/time-format.ts';

export const basicCommands: CommandSpec[] = [
  {
    name: 'date',
    summary: 'print the (simulated) date and time',
    usage: 'date',
    man: 'Prints the date and time of the simulated network (UTC). Time moves on one second per command\nline, and with sleep.',
    run: (ctx) => {
      ctx.out(dateCommand(ctx.sim.clock.now()) + '\n');
      return 0;
    },
  },
  {
    name: 'hostname',
    summary: 'print the name of this host',
    usage: 'hostname',
    run: (ctx) => {
      ctx.out(ctx.machine.host.short + '\n');
      return 0;
    },
  },
  {
    name: 'whoami',
    summary: 'print your user name',
    usage: 'whoami',
    run: (ctx) => {
      ctx.out(ctx.user + '\n');
      return 0;
    },
  },
  {
    name: 'history',
    summary: 'list the commands typed so far',
    usage: 'history',
    run: (ctx) => {
      ctx.tty?.session.editor.entries().forEach((line, i) => ctx.out(`${String(i + 1).padStart(5)}  ${line}\n`));
      return 0;
    },
  },
  {
    name: 'clear',
    summary: 'clear the screen',
    usage: 'clear',
    run: (ctx) => {
      ctx.out('\x1b[2J\x1b[3J\x1b[H');
      return 0;
    },
  },
  {
    name: 'exit',
    summary: 'log out of this host',
    usage: 'exit',
    run: (ctx) => {
      const session = ctx.tty?.session;
      if (session && !session.popIdentity()) {
        ctx.out('logout\n');
        session.close();
      }
      return 0;
    },
  },
];
