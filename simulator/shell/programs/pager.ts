/**
 * less FILE: a full-screen pager on the alternate screen. Space/PgDn, b/PgUp,
 * arrows, g/G, /search, n, q. Without a terminal (in a pipeline) it passes
 * its input through, as real less does when output is not a tty.
 */
import { normalizePath } from '../../host/host-fs.ts';
import type { CommandContext } from '../command-spec.ts';
import { FullScreen } from './full-screen.ts';
import { look } from '../look.ts';

export async function runLess(ctx: CommandContext): Promise<number> {
  const file = ctx.args.find((a) => !a.startsWith('-'));
  const fs = ctx.machine.fs;
  const path = file ? normalizePath(file, ctx.cwd) : undefined;
  if (path && !fs.exists(path)) {
    ctx.err(`${file}: No such file or directory\n`);
    return 1;
  }
  if (path && fs.isDir(path)) {
    ctx.err(`${file} is a directory\n`);
    return 1;
  }
  const text = path ? fs.read(path) : ctx.stdin;
  if (path) look(ctx, 'file', path);
  const tty = ctx.tty;
  if (!tty) {
    ctx.out(text);
    return 0;
  }
  const lines = text.replace(/\n$/, '').split('\n');
  const term = tty.terminal;
  const page = () => Math.max(1, term.rows - 1);
  let top = 0;
  let searching: string | undefined;
  let pattern = '';
  let message = '';
  const screen = new FullScreen(tty, /\x1b\[[0-9;]*[~A-Za-z]|[\s\S]/g);
  const finish = screen.finish;
  const clamp = () => (top = Math.max(0, Math.min(top, Math.max(0, lines.length - page()))));
  const render = () => {
    clamp();
    let out = '\x1b[H';
    for (let i = 0; i < page(); i++) out += '\x1b[2K' + (lines[top + i] ?? '~').slice(0, term.cols).replace(/\t/g, '    ') + '\r\n';
    const atEnd = top + page() >= lines.length;
    const status = searching !== undefined ? '/' + searching : message || (atEnd ? '(END)' : top === 0 && file ? file : ':');
    out += '\x1b[2K' + (status === '(END)' || status === file ? `\x1b[7m${status}\x1b[0m` : status);
    term.write(out);
  };
  const find = (from: number) => {
    const i = lines.findIndex((l, n) => n >= from && l.includes(pattern));
    if (i >= 0) top = i;
    else message = '\x1b[7mPattern not found  (press RETURN)\x1b[0m';
  };
  const key = (k: string) => {
    message = '';
    if (searching !== undefined) {
      if (k === '\r') {
        pattern = searching || pattern;
        searching = undefined;
        find(top + 1);
      } else if (k === '\x7f') searching = searching.slice(0, -1);
      else if (k === '\x03' || k === '\x1b') searching = undefined;
      else if (k >= ' ') searching += k;
      return;
    }
    if (k === 'q' || k === 'Q' || k === '\x03') return finish();
    if (k === ' ' || k === 'f' || k === '\x1b[6~') top += page();
    else if (k === 'b' || k === '\x1b[5~') top -= page();
    else if (k === '\x1b[B' || k === 'j' || k === '\r' || k === 'e') top += 1;
    else if (k === '\x1b[A' || k === 'k' || k === 'y') top -= 1;
    else if (k === 'g' || k === '<') top = 0;
    else if (k === 'G' || k === '>') top = lines.length;
    else if (k === '/') searching = '';
    else if (k === 'n' && pattern) find(top + 1);
  };
  await screen.run(key, render);
  return 0;
}
