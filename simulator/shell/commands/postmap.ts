/**
 * postmap FILE: builds the indexed table (FILE.db) that `hash:FILE` lookups
 * read. Editing an access table without postmap changes nothing. Here FILE.db
 * holds the validated text. postmap -q KEY TABLE looks a key up.
 */
import { MAIL_HOST } from '../../mail/mail-server.ts';
import type { Host } from '../../net/topology.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { queryArgs, queryTable } from './postfix-mail-tools.ts';

function postmap(ctx: CommandContext): number {
  const query = queryArgs(ctx.args);
  if (query?.key && query.table) return queryTable(ctx, query.key, query.table, false);
  const arg = ctx.args.find((a) => !a.startsWith('-'));
  if (!arg) return ctx.err('postmap: fatal: usage: postmap [-Nfinoprsuvw] [-c config_dir] [-d key] [-q key] [map_type:]file...\n'), 1;
  const path = arg.replace(/^[a-z0-9_]+:/, '');
  const abs = path.startsWith('/') ? path : `${ctx.cwd}/${path}`;
  const fs = ctx.machine.fs;
  const text = fs.tryRead(abs);
  if (text === undefined) return ctx.err(`postmap: fatal: open ${path}: No such file or directory\n`), 1;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(#|$)/.test(line)) return;
    if (!/^\S+\s+\S/.test(line)) ctx.err(`postmap: warning: ${path}, line ${i + 1}: expected format: key whitespace value\n`);
  });
  fs.write(`${abs}.db`, text, 0o644);
  ctx.sim.mailServer.refreshLookups();
  return 0;
}

export const postmapCommand: CommandSpec = {
  name: 'postmap',
  summary: 'build a Postfix lookup table (FILE.db) from a text file',
  usage: 'postmap [hash:]FILE | postmap -q KEY [hash:]FILE',
  availableOn: (h: Host) => h.name === MAIL_HOST,
  man: 'Reads FILE (lines "key value", # comments) and writes FILE.db, which hash:FILE lookups such as\ncheck_sender_access use. Run it after every edit of an access table; the running smtpd picks up\nthe new .db by itself. postmap -q KEY hash:FILE prints what KEY maps to (exit status 1 when nothing).',
  run: postmap,
};
