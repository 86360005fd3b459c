/** man, sleep and nano: reading about commands, letting time pass, editing files. */
import { passTime } from './pass-time.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { runNano } from '../programs/nano.ts';
import { COMMANDS } from './registry.ts';

function man(ctx: CommandContext): number {
  const name = ctx.args.filter((a) => !a.startsWith('-')).pop();
  if (!name) {
    ctx.err('What manual page do you want?\nFor example, try \'man man\'.\n');
    return 1;
  }
  // Any host's page: man describes a command even where it is not installed.
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) {
    ctx.err(`No manual entry for ${name}\n`);
    return 16;
  }
  const indent = (t: string) => t.split('\n').map((l) => (l ? '       ' + l : '')).join('\n');
  const head = `${name.toUpperCase()}(1)`;
  ctx.out(`${head}${'User Commands'.padStart(40 - head.length + 6)}${head.padStart(40 - 6)}\n\n`);
  ctx.out(`NAME\n${indent(`${name} - ${spec.summary}`)}\n\nSYNOPSIS\n${indent(spec.usage)}\n\n`);
  ctx.out(`DESCRIPTION\n${indent(spec.man ?? spec.summary)}\n`);
  const here = ctx.machine.host;
  if (spec.availableOn && !spec.availableOn(here)) ctx.out(`\nNOTE\n${indent(`Not available on ${here.short}.`)}\n`);
  ctx.out('\n');
  return 0;
}

/** The longest one sleep may move the clock (the world of a week is seconds of work). */
const SLEEP_CAP_MS = 7 * 86_400_000;

/** sleep N[smhd]: simulated time passes at once (the lab does not make you wait); Ctrl-C stops it. */
async function sleep(ctx: CommandContext): Promise<number> {
  let total = 0;
  for (const a of ctx.args) {
    const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.err(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'] * 1000;
  }
  if (!ctx.args.length) {
    ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  if (total > SLEEP_CAP_MS) ctx.err('sleep: this lab moves its clock at most 7 days per sleep; sleeping 7 days\n');
  return (await passTime(ctx, Math.min(total, SLEEP_CAP_MS))) ? 0 : 130;
}

export const sessionToolCommands: CommandSpec[] = [
  { name: 'man', summary: 'show the manual page of a command', usage: 'man NAME', man: 'Prints the manual page of NAME: what it does, its options, examples.', run: man },
  { name: 'sleep', summary: 'let simulated time pass', usage: 'sleep N[s|m|h|d]', man: 'Waits N seconds (or minutes, hours, days) of simulated time; the lab advances its clock at once,\nso queued mail is delivered and logs grow as if the time had passed.', run: sleep },
  {
    name: 'nano',
    summary: 'edit a text file (Ctrl-O save, Ctrl-X exit)',
    usage: 'nano FILE',
    interactive: true,
    man: 'A simple full-screen editor. Move with the arrow keys, type to insert, Backspace/Delete to remove.\n^O (Ctrl-O) writes the file: confirm the name with Enter.  ^X exits (asks to save if modified: Y/N).\n^K cuts the current line, ^U pastes it.  ^C shows the cursor position or cancels a prompt.',
    run: runNano,
  },
];
