/**
 * The rest of Postfix's command-line tools on mail.corp.example: sendmail(1) (a message
 * on stdin, queued through the pickup path), newaliases/postalias (rebuild
 * /etc/aliases.db, which local(8) reads — editing /etc/aliases alone changes nothing)
 * and qshape (the queue by domain and age, as Postfix's qshape prints it).
 */
import { MAIL_HOST } from '../../mail/mail-server.ts';
import { submitLocal } from '../../mail/pickup.ts';
import type { Host } from '../../net/topology.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';

const onMailHost = (h: Host) => h.name === MAIL_HOST;

/** Recipients of `sendmail -t`: the addresses in To:, Cc: and Bcc:. */
function headerRecipients(text: string): string[] {
  const head = text.split(/\n\n/)[0] ?? '';
  const unfolded = head.replace(/\n[ \t]+/g, ' ');
  const out: string[] = [];
  for (const m of unfolded.matchAll(/^(?:To|Cc|Bcc):(.*)$/gim)) {
    for (const part of m[1]!.split(',')) {
      const a = /<([^>]*)>/.exec(part)?.[1] ?? part.trim();
      if (a) out.push(a);
    }
  }
  return out;
}

function sendmail(ctx: CommandContext): number {
  const args = [...ctx.args];
  let sender: string | undefined;
  let fromHeaders = false;
  const rcpts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t') fromHeaders = true;
    else if (a === '-f') sender = args[++i];
    else if (a.startsWith('-f')) sender = a.slice(2);
    else if (a === '-bs' || a === '-bv' || a === '-q') return ctx.err(`sendmail: fatal: ${a} is not available in this lab\n`), 1;
    else if (a.startsWith('-')) continue; // -i, -oi, -odi…: no effect here
    else rcpts.push(a);
  }
  const text = ctx.stdin;
  if (fromHeaders) rcpts.push(...headerRecipients(text.replace(/\r\n/g, '\n')));
  if (rcpts.length === 0) {
    ctx.err(fromHeaders ? 'sendmail: fatal: No recipient addresses found in message header\n' : 'sendmail: fatal: Recipient addresses must be specified on the command line or via the -t option\n');
    return 1;
  }
  const uid = ctx.user === 'root' ? 0 : 1000;
  submitLocal(ctx.sim.mailServer, { user: ctx.user, uid, sender, recipients: rcpts, text });
  return 0;
}

/** postalias/newaliases: validate the source and write FILE.db (here the checked text). */
function buildAliases(ctx: CommandContext, prog: string, file: string): number {
  const fs = ctx.machine.fs;
  const path = file.replace(/^[a-z0-9_]+:/, '');
  const text = fs.tryRead(path);
  if (text === undefined) return ctx.err(`${prog}: fatal: open ${path}: No such file or directory\n`), 1;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(#|$)/.test(line) || /^\s/.test(line)) return;
    if (!/^[^:\s]+\s*:/.test(line)) ctx.err(`${prog}: warning: ${path}, line ${i + 1}: need name:value pair\n`);
  });
  fs.write(`${path}.db`, text, 0o644);
  return 0;
}

/** `-q KEY TABLE` in postmap's and postalias's arguments: absent (no -q), or what was given (either may be missing). */
export function queryArgs(args: readonly string[]): { key?: string; table?: string } | undefined {
  const q = args.indexOf('-q');
  if (q < 0) return undefined;
  return { key: args[q + 1], table: args.filter((a, i) => i !== q && i !== q + 1 && !a.startsWith('-'))[0] };
}

/** postalias -q KEY FILE, postmap -q KEY TABLE: the value, or exit 1 in silence. */
export function queryTable(ctx: CommandContext, key: string, table: string, aliases: boolean): number {
  const path = table.replace(/^[a-z0-9_]+:/, '');
  const db = /^(hash|btree|lmdb|cdb):/.test(table) || aliases ? `${path}.db` : path;
  const text = ctx.machine.fs.tryRead(db);
  if (text === undefined) {
    const prog = aliases ? 'postalias' : 'postmap';
    return ctx.err(`${prog}: fatal: open database ${db}: No such file or directory\n`), 1;
  }
  const want = key.toLowerCase();
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const m = aliases ? /^([^:\s]+)\s*:\s*(.*)$/.exec(line) : /^(\S+)\s+(.*)$/.exec(line);
    if (m && m[1]!.toLowerCase() === want) return ctx.out(m[2]!.trim() + '\n'), 0;
  }
  return 1;
}

function postalias(ctx: CommandContext): number {
  const query = queryArgs(ctx.args);
  if (query) {
    const { key, table } = query;
    if (!key || !table) return ctx.err('postalias: fatal: usage: postalias [-Nfinoprsuvw] [-c config_dir] [-d key] [-q key] [map_type:]file...\n'), 1;
    return queryTable(ctx, key, table, true);
  }
  const files = ctx.args.filter((a) => !a.startsWith('-'));
  if (!files.length) return ctx.err('postalias: fatal: usage: postalias [-Nfinoprsuvw] [-c config_dir] [-d key] [-q key] [map_type:]file...\n'), 1;
  for (const f of files) if (buildAliases(ctx, 'postalias', f) !== 0) return 1;
  return 0;
}

/** qshape's age buckets in minutes, and the width each column takes. */
const BUCKETS = [5, 10, 20, 40, 80, 160, 320, 640, 1280];
const WIDTHS = [3, 3, 3, 3, 3, 3, 4, 4, 4, 5, 6];

function qshape(ctx: CommandContext): number {
  const queues = ctx.args.filter((a) => !a.startsWith('-'));
  const want = new Set(queues.length ? queues : ['incoming', 'active']);
  const now = ctx.sim.clock.now();
  const rows = new Map<string, number[]>();
  const total = new Array<number>(BUCKETS.length + 2).fill(0);
  for (const e of ctx.sim.mailServer.queue.entries()) {
    if (!want.has(e.queue)) continue;
    const age = (now - e.arrival) / 60_000;
    let b = BUCKETS.findIndex((limit) => age < limit);
    if (b < 0) b = BUCKETS.length;
    for (const r of e.recipients) {
      const domain = r.address.slice(r.address.lastIndexOf('@') + 1).toLowerCase();
      const row = rows.get(domain) ?? new Array<number>(BUCKETS.length + 2).fill(0);
      row[0]!++;
      row[b + 1]!++;
      total[0]!++;
      total[b + 1]!++;
      rows.set(domain, row);
    }
  }
  const line = (name: string, cells: (string | number)[]) => name.padStart(39) + cells.map((c, i) => String(c).padStart(WIDTHS[i]!)).join('') + '\n';
  ctx.out(line('', ['T', ...BUCKETS, '1280+']));
  ctx.out(line('TOTAL', total));
  const sorted = [...rows].sort((a, b) => b[1][0]! - a[1][0]! || a[0].localeCompare(b[0]));
  for (const [domain, row] of sorted) ctx.out(line(domain, row));
  return 0;
}

export const mailToolCommands: CommandSpec[] = [
  {
    name: 'sendmail',
    summary: 'submit a message read from stdin (Postfix sendmail)',
    usage: 'sendmail [-t] [-f sender] [-i] [recipient ...]',
    availableOn: onMailHost,
    man: 'Reads a message on standard input and queues it for the recipients on the command line (or, with -t,\nthose in To:, Cc: and Bcc:). It goes through pickup and cleanup like any local submission: see\n/var/log/mail.log (pickup, cleanup, qmgr lines) and mailq.',
    run: sendmail,
  },
  {
    name: 'newaliases',
    summary: 'rebuild /etc/aliases.db from /etc/aliases',
    usage: 'newaliases',
    availableOn: onMailHost,
    man: 'Same as "postalias /etc/aliases". local(8) reads /etc/aliases.db: after editing /etc/aliases, run\nnewaliases or the change has no effect.',
    run: (ctx) => buildAliases(ctx, 'newaliases', '/etc/aliases'),
  },
  {
    name: 'postalias',
    summary: 'build (FILE.db) or query (-q KEY) a Postfix alias table',
    usage: 'postalias [-q key] [hash:]FILE',
    availableOn: onMailHost,
    man: 'postalias FILE rebuilds FILE.db from "name: value" lines; postalias -q KEY FILE prints the value of KEY\n(exit status 1 when it is not there).',
    run: postalias,
  },
  {
    name: 'qshape',
    summary: 'show the mail queue by destination domain and age',
    usage: 'qshape [queue ...]',
    availableOn: onMailHost,
    man: 'Counts queued recipients per domain in age buckets (minutes). Without arguments it looks at the incoming and\nactive queues; "qshape deferred" shows the deferred queue, where a spam backlog piles up.',
    run: qshape,
  },
];
