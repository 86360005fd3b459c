/** saslpasswd2 / sasldblistusers2 over /etc/sasldb2 (Cyrus SASL's user database for smtpd AUTH). */
import { MAIL_HOST } from '../../mail/mail-server.ts';
import { SASLDB, formatSaslDb, parseSaslDb } from '../../mail/sasl-db.ts';
import type { Host } from '../../net/topology.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';

const onMailHost = (h: Host) => h.name === MAIL_HOST;

function saslpasswd2(ctx: CommandContext): number {
  let del = false;
  let pipe = false;
  let realm = ctx.machine.host.name;
  let user: string | undefined;
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i]!;
    if (a === '-d') del = true;
    else if (a === '-p') pipe = true;
    else if (a === '-c') continue;
    else if (a === '-u') realm = ctx.args[++i] ?? realm;
    else if (a.startsWith('-')) return ctx.err(`saslpasswd2: invalid option -- '${a.slice(1)}'\nThis product includes software developed by Computing Services\nat Carnegie Mellon University (http://www.cmu.edu/computing/).\n\nsaslpasswd2: usage: saslpasswd2 [-v] [-c [-p] [-n]] [-d] [-a appname] [-f sasldb] [-u DOM] userid\n`), 1;
    else user = a;
  }
  if (!user) return ctx.err('saslpasswd2: usage: saslpasswd2 [-v] [-c [-p] [-n]] [-d] [-a appname] [-f sasldb] [-u DOM] userid\n'), 1;
  const fs = ctx.machine.fs;
  const users = parseSaslDb(fs.tryRead(SASLDB) ?? '');
  const idx = users.findIndex((u) => u.user === user && u.realm === realm);
  if (del) {
    if (idx < 0) return ctx.err(`saslpasswd2: user not found\n`), 1;
    users.splice(idx, 1);
  } else {
    const lines = ctx.stdin.split('\n');
    const pw = lines[0] ?? '';
    if (!pipe) {
      ctx.out('Password: \nAgain (for verification): \n');
      if ((lines[1] ?? '') !== pw) return ctx.err('saslpasswd2: passwords don\'t match\n'), 1;
    }
    if (!pw) return ctx.err('saslpasswd2: no password given\n'), 1;
    if (idx >= 0) users[idx] = { user, realm, password: pw };
    else users.push({ user, realm, password: pw });
  }
  fs.write(SASLDB, formatSaslDb(users));
  return 0;
}

export const saslCommands: CommandSpec[] = [
  {
    name: 'saslpasswd2',
    summary: 'set or delete a SASL password for SMTP AUTH',
    usage: 'saslpasswd2 [-c] [-p] [-d] [-u REALM] USER',
    availableOn: onMailHost,
    man: 'Sets USER\'s password in /etc/sasldb2 (realm: this host\'s name unless -u). Reads the password and its\nconfirmation from standard input (-p: one line, no confirmation). -d deletes the user. smtpd checks AUTH\nPLAIN and LOGIN against this database at once; no reload is needed.',
    run: saslpasswd2,
  },
  {
    name: 'sasldblistusers2',
    summary: 'list the users in the SASL database',
    usage: 'sasldblistusers2',
    availableOn: onMailHost,
    man: 'Lists every user@realm in /etc/sasldb2 with the kind of secret stored (userPassword).',
    run: (ctx) => {
      for (const u of parseSaslDb(ctx.machine.fs.tryRead(SASLDB) ?? '')) ctx.out(`${u.user}@${u.realm}: userPassword\n`);
      return 0;
    },
  },
];
