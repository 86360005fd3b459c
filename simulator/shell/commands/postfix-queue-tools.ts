/** postqueue -p / mailq, postsuper -d/-h/-H, postcat -q: the Postfix queue as an admin sees it. */
import { MAIL_HOST } from '../../mail/mail-server.ts';
import { MAIN_CF, mainCfSyntaxError } from '../../postfix/index.ts';
import { asctime } from '../../core/time-format.ts';
import type { Host } from '../../net/topology.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';

const onMailHost = (h: Host) => h.name === MAIL_HOST;

function postqueue(ctx: CommandContext): number {
  const q = ctx.sim.mailServer.queue;
  // postqueue reads main.cf first: a line without '=' kills it (exit status 69, as measured on Postfix 3.7).
  const syntax = mainCfSyntaxError(ctx.machine.fs.tryRead(MAIN_CF) ?? '');
  if (syntax) return ctx.err(`postqueue: fatal: ${syntax}\n`), 69;
  const flag = ctx.args[0];
  if (flag === '-p') return ctx.out(q.format()), 0;
  if (flag === '-f') return q.flush(), 0;
  ctx.err('postqueue: fatal: usage: postqueue -f | postqueue -i queueid | postqueue -j | postqueue -p | postqueue -s site\n');
  return 1;
}

function postsuper(ctx: CommandContext): number {
  const server = ctx.sim.mailServer;
  const [flag, id, queue] = ctx.args;
  const ops: Record<string, { done: string; total: string; run(ids: string[] | 'ALL'): string[] }> = {
    '-d': { done: 'removed', total: 'Deleted', run: (ids) => server.queue.remove(ids, queue as 'deferred' | 'hold' | 'active' | undefined) },
    '-h': { done: 'placed on hold', total: 'Placed on hold', run: (ids) => server.queue.hold(ids, true) },
    '-H': { done: 'released from hold', total: 'Released from hold', run: (ids) => server.queue.hold(ids, false) },
    // Measured: requeueing prints only the total, no line per message.
    '-r': { done: '', total: 'Requeued', run: (ids) => server.queue.requeue(ids) },
  };
  const op = flag ? ops[flag] : undefined;
  if (!op || !id) {
    ctx.err('postsuper: fatal: usage: postsuper [-c config_dir] [-d queue_id (delete)] [-h queue_id (hold)] [-H queue_id (un-hold)] [-r queue_id (requeue)] [-s (structure fix)] [-v (verbose)] [queue...]\n');
    return 1;
  }
  if (queue && !['deferred', 'hold', 'active', 'incoming', 'maildrop'].includes(queue)) {
    ctx.err(`postsuper: fatal: invalid directory name: ${queue}\n`);
    return 1;
  }
  const ids = op.run(id === 'ALL' ? 'ALL' : id === '-' ? ctx.stdin.split(/\s+/).filter(Boolean) : [id]);
  const pid = server.procs.transientPid();
  for (const i of op.done ? ids : []) {
    ctx.err(`postsuper: ${i}: ${op.done}\n`);
    server.log.write('postfix/postsuper', pid, `${i}: ${op.done}`);
  }
  if (ids.length) {
    const total = `${op.total}: ${ids.length} message${ids.length === 1 ? '' : 's'}`;
    ctx.err(`postsuper: ${total}\n`);
    server.log.write('postfix/postsuper', pid, total);
  }
  return 0;
}

function postcat(ctx: CommandContext): number {
  const q = ctx.sim.mailServer.queue;
  const i = ctx.args.indexOf('-q');
  const id = i >= 0 ? ctx.args[i + 1] : undefined;
  if (!id) return ctx.err('postcat: fatal: usage: postcat [-bdehnoqv] [-c config_dir] [files...]\n'), 1;
  const m = q.get(id);
  if (!m) return ctx.err(`postcat: fatal: open queue file ${id}: No such file or directory\n`), 1;
  const where = `${m.queue ?? 'active'}/${m.id}`;
  const content = m.received + m.content.text();
  const out = [
    `*** ENVELOPE RECORDS ${where} ***`,
    `message_size: ${String(content.length).padStart(16)}${String(m.received.length + 1).padStart(16)}${String(m.rcpts.length).padStart(16)}               0${String(content.length).padStart(16)}               0`,
    `message_arrival_time: ${asctime(m.arrival)}`,
    `create_time: ${asctime(m.arrival)}`,
    'named_attribute: rewrite_context=remote',
    `sender: ${m.sender}`,
    ...m.rcpts.flatMap((r) => (r.orig ? [`original_recipient: ${r.orig}`] : []).concat(`recipient: ${r.address}`)),
    `*** MESSAGE CONTENTS ${where} ***`,
    content.replace(/\n$/, ''),
    '',
    `*** HEADER EXTRACTED ${where} ***`,
    `*** MESSAGE FILE END ${where} ***`,
  ];
  ctx.out(out.join('\n') + '\n');
  return 0;
}

export const queueCommands: CommandSpec[] = [
  {
    name: 'postqueue',
    summary: 'list (-p) or flush (-f) the Postfix queue',
    usage: 'postqueue -p | postqueue -f',
    availableOn: onMailHost,
    man: '-p lists the queue like mailq: queue id (* active, ! on hold), size, arrival time, sender, recipients,\nand for deferred mail the reason in parentheses. -f attempts delivery of all deferred mail now.',
    run: postqueue,
  },
  {
    name: 'mailq',
    summary: 'list the mail queue (same as postqueue -p)',
    usage: 'mailq',
    availableOn: onMailHost,
    man: 'Sendmail-compatible name for "postqueue -p".',
    run: (ctx) => postqueue({ ...ctx, args: ['-p'] }),
  },
  {
    name: 'postsuper',
    summary: 'delete (-d), hold (-h), release (-H) or requeue (-r) queued messages',
    usage: 'postsuper -d|-h|-H|-r QUEUEID|ALL|- [queue]',
    availableOn: onMailHost,
    man: '-d deletes a message by queue id (ALL: every message; "-" reads ids from stdin). A queue name after it\n(deferred, hold, active) limits ALL to that queue: "postsuper -d ALL deferred" clears a spam backlog.\n-h puts messages on hold (! in mailq); -H releases them; -r requeues them (delivery is tried again now).',
    run: postsuper,
  },
  {
    name: 'postcat',
    summary: 'show a queued message (postcat -q QUEUEID)',
    usage: 'postcat -q QUEUEID',
    availableOn: onMailHost,
    man: 'Prints the queue file of QUEUEID: envelope records (sender, recipients), then the message with its headers.\nUse it to see what a queued (maybe spam) message really is and which client handed it in (Received:).',
    run: postcat,
  },
];
