/**
 * Postfix's administration tools on mail.corp.example: postconf, postfix,
 * postqueue/mailq, postsuper, postcat, postmap, sendmail, newaliases, postalias,
 * qshape, saslpasswd2, sasldblistusers2 — and
 * relaytest (every host). They act on `sim.mailServer`: files on the mail
 * host's disk; reload applies them at once, new smtpd processes read them anyway.
 */
import { MAIN_CF, MASTER_CF, formatDiagnostic, postconf } from '../../postfix/index.ts';
import { MAIL_HOST, SYSTEM } from '../../mail/mail-server.ts';
import type { Host } from '../../net/topology.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { queueCommands } from './postfix-queue-tools.ts';
import { saslCommands } from './sasl-tools.ts';
import { relaytestCommand } from './relaytest.ts';
import { postmapCommand } from './postmap.ts';
import { mailToolCommands } from './postfix-mail-tools.ts';

export const onMailHost = (h: Host) => h.name === MAIL_HOST;

function runPostconf(ctx: CommandContext): number {
  const fs = ctx.machine.fs;
  const r = postconf({ args: ctx.args, mainCf: fs.tryRead(MAIN_CF) ?? '', masterCf: fs.tryRead(MASTER_CF) ?? '', system: SYSTEM });
  if (r.newMainCf !== undefined) fs.write(MAIN_CF, r.newMainCf);
  ctx.out(r.stdout);
  ctx.err(r.stderr);
  return r.exitCode;
}

const SCRIPT = 'postfix/postfix-script';
const USAGE = 'postfix: fatal: usage: postfix start (or stop, reload, abort, flush, check, status, set-permissions, upgrade-configuration)\n';

function runPostfix(ctx: CommandContext): number {
  const server = ctx.sim.mailServer;
  const [verb] = ctx.args;
  const report = (r: { warnings: { severity: 'warning' | 'fatal'; message: string }[]; errors: { severity: 'warning' | 'fatal'; message: string }[] }) => {
    for (const d of [...r.warnings, ...r.errors.slice(0, 1)]) ctx.err(formatDiagnostic(d, 'postfix') + '\n');
    return r.errors.length === 0;
  };
  switch (verb) {
    case 'check':
      return report(server.load()) ? 0 : 1;
    case 'reload': {
      if (!server.running) return ctx.err(`${SCRIPT}: fatal: the Postfix mail system is not running\n`), 1;
      if (!report(server.load())) return 1;
      server.reload();
      ctx.err(`${SCRIPT}: refreshing the Postfix mail system\n`);
      return 0;
    }
    case 'start': {
      if (server.running) return ctx.err(`${SCRIPT}: fatal: the Postfix mail system is already running\n`), 1;
      if (!report(server.load())) return 1;
      ctx.err(`${SCRIPT}: starting the Postfix mail system\n`);
      server.start();
      return 0;
    }
    case 'stop':
      if (!server.running) return ctx.err(`${SCRIPT}: fatal: the Postfix mail system is not running\n`), 1;
      ctx.err(`${SCRIPT}: stopping the Postfix mail system\n`);
      server.stop();
      return 0;
    case 'status':
      if (!server.running) return ctx.err(`${SCRIPT}: the Postfix mail system is not running\n`), 1;
      ctx.err(`${SCRIPT}: the Postfix mail system is running: PID: ${server.pids.master}\n`);
      return 0;
    case 'flush':
      server.queue.flush();
      return 0;
    default:
      ctx.err(USAGE);
      return 1;
  }
}

export const postfixCommands: CommandSpec[] = [
  {
    name: 'postconf',
    summary: 'show or change Postfix configuration (main.cf)',
    usage: 'postconf [-dhnx] [-M] [-e] [name[=value] ...]',
    availableOn: onMailHost,
    man:
      'Without arguments prints every parameter as "name = value". NAME prints one parameter; -n only those set in\n' +
      'main.cf; -d the defaults; -h values only; -x with $names expanded; -M the master.cf services.\n' +
      "-e 'name = value' edits /etc/postfix/main.cf in place (-X removes a setting). Edits change the file only:\n" +
      '"postfix reload" applies them at once; until then running smtpd processes keep their settings and new ones\n' +
      '(started when none is idle, or after max_idle = 100 s / max_use = 100 sessions) read the file by themselves.',
    run: runPostconf,
  },
  {
    name: 'postfix',
    summary: 'control the Postfix mail system (reload, check, start, stop, status)',
    usage: 'postfix start|stop|reload|check|status|flush',
    availableOn: onMailHost,
    man:
      'check validates main.cf and master.cf and prints warnings. reload makes the running server re-read its\n' +
      'configuration and retires the running smtpd processes (a file with a fatal error is refused — and every new\n' +
      'smtpd then dies reading it, so mail stops until the file is fixed).\n' +
      'start and stop start or stop the master process and its listeners; status reports it; flush retries\n' +
      'deferred mail now.',
    run: runPostfix,
  },
  postmapCommand,
  ...mailToolCommands,
  ...queueCommands,
  ...saslCommands,
  relaytestCommand,
];
