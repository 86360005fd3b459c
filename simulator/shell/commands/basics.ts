/** Commands every host has that are about the session itself (echo is just-bash's). */
import type { CommandSpec } from '../command-spec.ts';
import { dateCommand, strftime } from '../../core/time-format.ts';

export const basicCommands: CommandSpec[] = [
  {
    name: 'date',
    summary: 'print the (simulated) date and time',
    usage: 'date [-u] [-R] [-I] [+FORMAT]',
    man:
      'Prints the date and time of the simulated network (UTC). Time moves on one second per command\nline, and with sleep.\n' +
      '  +FORMAT  GNU date conversions: %Y-%m-%d %H:%M:%S, %s (seconds since 1970), %b %e, %F %T, %j…\n' +
      '  -R       RFC 5322 form (as in mail headers);  -I  ISO 8601 date;  -u  UTC (the default here)',
    run: (ctx) => {
      const now = ctx.sim.clock.now();
      let format: string | undefined;
      for (const a of ctx.args) {
        if (a.startsWith('+')) {
          if (format !== undefined) {
            ctx.err(`date: extra operand '${a}'\nTry 'date --help' for more information.\n`);
            return 1;
          }
          format = a.slice(1);
        } else if (a === '-u' || a === '--utc' || a === '--universal') continue;
        else if (a === '-R' || a === '--rfc-email') format = '%a, %d %b %Y %H:%M:%S %z';
        else if (a === '-I' || a === '--iso-8601' || a === '--iso-8601=date') format = '%F';
        else if (a === '--iso-8601=seconds' || a === '-Iseconds') format = '%FT%T%:z';
        else {
          ctx.err(`date: invalid date '${a}'\n`);
          return 1;
        }
      }
      ctx.out((format === undefined ? dateCommand(now) : strftime(now, format)) + '\n');
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
