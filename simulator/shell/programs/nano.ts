/**
 * nano FILE: GNU nano's screen (title bar, text, status line, two shortcut
 * bars) and its core keys: arrows, Home/End, PgUp/PgDn, typing, Backspace,
 * Delete, Enter, ^K/^U cut and paste, ^O write out (File Name to Write:),
 * ^X exit (Save modified buffer?), ^C cancel a prompt. Saves to the HostFs.
 */
import { normalizePath } from '../../host/host-fs.ts';
import type { CommandContext } from '../command-spec.ts';
import { FullScreen } from './full-screen.ts';
import { TextBuffer } from './nano-buffer.ts';

const EDIT_BARS = [
  ['^G', 'Help'], ['^O', 'Write Out'], ['^W', 'Where Is'], ['^K', 'Cut'], ['^T', 'Execute'], ['^C', 'Location'],
  ['^X', 'Exit'], ['^R', 'Read File'], ['^\\', 'Replace'], ['^U', 'Paste'], ['^J', 'Justify'], ['^/', 'Go To Line'],
];
const SAVE_BARS = [['Y', 'Yes'], ['', ''], ['', ''], ['N', 'No'], ['^C', 'Cancel'], ['', '']];
const NAME_BARS = [['^G', 'Help'], ['M-D', 'DOS Format'], ['M-A', 'Append'], ['^C', 'Cancel'], ['M-M', 'Mac Format'], ['M-P', 'Prepend']];
const KEYS = /\x1b\[[0-9;]*[~A-Za-z]|\x1bO[A-Z]|\x1b.|[\s\S]/g;

type Mode = { kind: 'edit' } | { kind: 'save?' } | { kind: 'name'; value: string; thenExit: boolean };

export async function runNano(ctx: CommandContext): Promise<number> {
  const tty = ctx.tty;
  const arg = ctx.args.find((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (!tty) {
    ctx.err('Too many errors from stdin\n');
    return 1;
  }
  const fs = ctx.machine.fs;
  const path = arg ? normalizePath(arg, ctx.cwd) : undefined;
  if (path && fs.isDir(path)) {
    ctx.err(`"${arg}" is a directory\n`);
    return 1;
  }
  const existing = path ? fs.tryRead(path) : undefined;
  const buf = new TextBuffer(existing ?? '');
  const term = tty.terminal;
  let name = arg ?? '';
  let mode: Mode = { kind: 'edit' };
  let status = existing !== undefined ? `[ Read ${buf.lines.length} line${buf.lines.length === 1 ? '' : 's'} ]` : path ? '[ New File ]' : '';
  let top = 0;
  const screen = new FullScreen(tty, KEYS);
  const finish = screen.finish;

  const bars = (items: string[][]): string[] => {
    const width = Math.floor(term.cols / 6);
    // Cells are cut to their visible width: a wrapped bar would scroll the whole screen.
    const cell = ([k = '', label = '']: string[]) => {
      if (!k) return ' '.repeat(width);
      const text = `${k} ${label}`.slice(0, width).padEnd(width);
      return `\x1b[7m${text.slice(0, k.length)}\x1b[0m${text.slice(k.length)}`;
    };
    const row = (part: string[][]) => part.map(cell).join('');
    return [row(items.slice(0, 6)), row(items.slice(6, 12))];
  };
  const render = () => {
    const rows = term.rows;
    const textRows = Math.max(1, rows - 4);
    if (buf.row < top) top = buf.row;
    if (buf.row >= top + textRows) top = buf.row - textRows + 1;
    const title = `  GNU nano 7.2`;
    const shown = name || 'New Buffer';
    const mid = Math.max(title.length + 1, Math.floor((term.cols - shown.length) / 2));
    const right = buf.modified ? 'Modified  ' : '';
    const header = (title.padEnd(mid) + shown).padEnd(term.cols - right.length) + right;
    let out = '\x1b[H\x1b[7m' + header.slice(0, term.cols) + '\x1b[0m\r\n';
    const shift = buf.col >= term.cols - 1 ? buf.col - term.cols + 2 : 0;
    for (let i = 0; i < textRows; i++) {
      const line = buf.lines[top + i];
      const text = line === undefined ? '' : top + i === buf.row ? line.slice(shift) : line;
      out += '\x1b[2K' + text.replace(/\t/g, ' ').slice(0, term.cols) + '\r\n';
    }
    let cursorRow = buf.row - top + 2;
    let cursorCol = buf.col - shift + 1;
    if (mode.kind === 'edit') {
      out += '\x1b[2K' + (status ? centered(status, term.cols) : '') + '\r\n';
      const [a, b] = bars(EDIT_BARS);
      out += '\x1b[2K' + a + '\r\n\x1b[2K' + b;
    } else {
      const prompt = mode.kind === 'save?' ? 'Save modified buffer?  ' : `File Name to Write: ${mode.value}`;
      out += '\x1b[2K\x1b[7m' + prompt.padEnd(term.cols).slice(0, term.cols) + '\x1b[0m\r\n';
      const [a, b] = mode.kind === 'save?' ? bars([...SAVE_BARS.slice(0, 1), ['', ''], ['', ''], ['', ''], ['', ''], ['', ''], ['N', 'No'], ['', ''], ['', ''], ['^C', 'Cancel']]) : bars(NAME_BARS);
      out += '\x1b[2K' + a + '\r\n\x1b[2K' + b;
      cursorRow = rows - 2;
      cursorCol = prompt.length + 1;
    }
    term.write(out + `\x1b[${cursorRow};${cursorCol}H`);
  };

  const write = (thenExit: boolean, target: string) => {
    const p = normalizePath(target, ctx.cwd);
    try {
      fs.write(p, buf.text());
    } catch {
      status = `[ Error writing ${target}: Permission denied ]`;
      mode = { kind: 'edit' };
      return;
    }
    name = target;
    buf.modified = false;
    status = `[ Wrote ${buf.lines.length} line${buf.lines.length === 1 ? '' : 's'} ]`;
    mode = { kind: 'edit' };
    if (thenExit) finish();
  };

  const key = (k: string) => {
    if (mode.kind === 'save?') {
      if (k === 'y' || k === 'Y') mode = { kind: 'name', value: name, thenExit: true };
      else if (k === 'n' || k === 'N') finish();
      else if (k === '\x03') (mode = { kind: 'edit' }), (status = '[ Cancelled ]');
      return;
    }
    if (mode.kind === 'name') {
      if (k === '\r' || k === '\n') {
        if (mode.value) write(mode.thenExit, mode.value);
      } else if (k === '\x03') (mode = { kind: 'edit' }), (status = '[ Cancelled ]');
      else if (k === '\x7f' || k === '\b') mode.value = mode.value.slice(0, -1);
      else if (k >= ' ' && k.length === 1) mode.value += k;
      return;
    }
    status = '';
    switch (k) {
      case '\x0f': // ^O
        mode = { kind: 'name', value: name, thenExit: false };
        return;
      case '\x18': // ^X
        if (buf.modified) mode = { kind: 'save?' };
        else finish();
        return;
      case '\x1b[A': case '\x1bOA': return buf.move(-1, 0);
      case '\x1b[B': case '\x1bOB': return buf.move(1, 0);
      case '\x1b[C': case '\x1bOC': return buf.move(0, 1);
      case '\x1b[D': case '\x1bOD': return buf.move(0, -1);
      case '\x1b[H': case '\x1b[1~': case '\x1bOH': case '\x01': return buf.home();
      case '\x1b[F': case '\x1b[4~': case '\x1bOF': case '\x05': return buf.end();
      case '\x1b[5~': return buf.move(-(term.rows - 4), 0);
      case '\x1b[6~': return buf.move(term.rows - 4, 0);
      case '\x1b[3~': case '\x04': return buf.del();
      case '\x7f': case '\b': return buf.backspace();
      case '\r': case '\n': return buf.newline();
      case '\x0b': return buf.cutLine();
      case '\x15': return buf.paste();
      case '\x03':
        status = `[ line ${buf.row + 1}/${buf.lines.length} (${Math.round(((buf.row + 1) * 100) / buf.lines.length)}%), col ${buf.col + 1}/${buf.line.length + 1} ]`;
        return;
      default:
        if (k.length === 1 && (k >= ' ' || k === '\t')) buf.insert(k);
    }
  };

  await screen.run(key, render);
  return 0;
}

function centered(text: string, cols: number): string {
  const pad = Math.max(0, Math.floor((cols - text.length) / 2));
  return ' '.repeat(pad) + '\x1b[7m' + text + '\x1b[0m';
}
