/**
 * The prompt's line editor: cursor keys, Home/End, backspace/delete, word and
 * line kills, history and its Ctrl-R search. Pure state plus the escape
 * sequences to redraw, so the same editor serves xterm.js in the browser and
 * a raw TTY under Node.
 */
import { HistorySearch } from './history-search.ts';

export type EditorAction =
  | { kind: 'none' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'clear-screen' }
  | { kind: 'eof' }
  | { kind: 'complete' };

const CSI = '\x1b[';

/** What the editor needs to know about the screen to redraw the whole row (history search replaces the prompt). */
export type EditorView = { prompt(): string; cols(): number };

export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;
  private history: string[] = [];
  private historyIndex = 0;
  private draft: string[] = [];
  private search: HistorySearch | undefined;
  /** Where the cursor was when the search began (Ctrl-G puts it back). */
  private searchFrom = 0;
  private lastQuery = '';

  constructor(
    private readonly write: (data: string) => void,
    private readonly view: EditorView = { prompt: () => '', cols: () => 80 },
  ) {}

  /** True while Ctrl-R's `(reverse-i-search)` stands in for the prompt. */
  get searching(): boolean {
    return this.search !== undefined;
  }

  get text(): string {
    return this.chars.join('');
  }

  get cursorIndex(): number {
    return this.cursor;
  }

  entries(): readonly string[] {
    return this.history;
  }

  remember(line: string): void {
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    if (this.history.length > 1000) this.history.shift();
    this.historyIndex = this.history.length;
  }

  reset(): void {
    this.search = undefined;
    this.chars = [];
    this.cursor = 0;
    this.historyIndex = this.history.length;
  }

  /** Insert text at the cursor (used by paste and tab completion). */
  insert(text: string): void {
    const add = Array.from(text);
    const atEnd = this.cursor === this.chars.length;
    // No splice(...add): spreading a 1 MB paste as arguments overflows the stack.
    if (atEnd) for (const ch of add) this.chars.push(ch);
    else this.chars = this.chars.slice(0, this.cursor).concat(add, this.chars.slice(this.cursor));
    this.cursor += add.length;
    if (atEnd) this.write(text);
    else this.redrawFrom(this.cursor - add.length);
  }

  /** Handle one key (an escape sequence or a single character). */
  key(k: string): EditorAction {
    if (this.search) return this.searchKey(this.search, k);
    switch (k) {
      case '\x12': // Ctrl-R: search history backwards
        this.search = new HistorySearch(this.history, this.lastQuery);
        this.draft = [...this.chars];
        this.searchFrom = this.cursor;
        this.drawSearch();
        return { kind: 'none' };
      case '\r':
      case '\n': {
        const line = this.text;
        this.write('\r\n');
        this.remember(line);
        this.chars = [];
        this.cursor = 0;
        return { kind: 'submit', line };
      }
      case '\x03':
        return { kind: 'interrupt' };
      case '\x0c':
        return { kind: 'clear-screen' };
      case '\x04':
        if (this.chars.length === 0) return { kind: 'eof' };
        this.deleteAt(this.cursor);
        return { kind: 'none' };
      case '\t':
        return { kind: 'complete' };
      case '\x7f':
      case '\b':
        if (this.cursor > 0) {
          this.cursor--;
          this.write('\b');
          this.deleteAt(this.cursor);
        }
        return { kind: 'none' };
      case `${CSI}3~`:
        this.deleteAt(this.cursor);
        return { kind: 'none' };
      case `${CSI}D`:
      case '\x02':
        if (this.cursor > 0) {
          this.cursor--;
          this.write(`${CSI}D`);
        }
        return { kind: 'none' };
      case `${CSI}C`:
      case '\x06':
        if (this.cursor < this.chars.length) {
          this.cursor++;
          this.write(`${CSI}C`);
        }
        return { kind: 'none' };
      case `${CSI}H`:
      case '\x1bOH':
      case `${CSI}1~`:
      case '\x01':
        this.moveTo(0);
        return { kind: 'none' };
      case `${CSI}F`:
      case '\x1bOF':
      case `${CSI}4~`:
      case '\x05':
        this.moveTo(this.chars.length);
        return { kind: 'none' };
      case `${CSI}A`:
      case '\x10':
        this.recall(-1);
        return { kind: 'none' };
      case `${CSI}B`:
      case '\x0e':
        this.recall(1);
        return { kind: 'none' };
      case '\x15': // Ctrl-U: kill to start
        this.replace([], 0);
        return { kind: 'none' };
      case '\x0b': // Ctrl-K: kill to end
        this.chars.splice(this.cursor);
        this.write(`${CSI}K`);
        return { kind: 'none' };
      case '\x17': {
        // Ctrl-W: kill the word before the cursor
        let i = this.cursor;
        while (i > 0 && this.chars[i - 1] === ' ') i--;
        while (i > 0 && this.chars[i - 1] !== ' ') i--;
        const next = [...this.chars.slice(0, i), ...this.chars.slice(this.cursor)];
        this.replace(next, i);
        return { kind: 'none' };
      }
      default:
        if (k.startsWith('\x1b') || (k.length === 1 && k < ' ')) return { kind: 'none' };
        this.insert(k);
        return { kind: 'none' };
    }
  }

  /** Repaint the whole input line after the prompt (after Ctrl-L or a completion list). */
  repaint(): void {
    this.write(this.text);
    const back = this.chars.length - this.cursor;
    if (back > 0) this.write(`${CSI}${back}D`);
  }

  private searchKey(search: HistorySearch, k: string): EditorAction {
    const verdict = search.key(k);
    if (verdict.kind === 'stay') {
      this.drawSearch();
      return { kind: 'none' };
    }
    this.search = undefined;
    if (search.text) this.lastQuery = search.text;
    if (verdict.kind === 'cancel') {
      this.redrawRow(this.draft, this.searchFrom);
      this.historyIndex = this.history.length;
      return { kind: 'none' };
    }
    // Accepting a match without one (nothing typed, or nothing found) keeps the line as it was.
    const found = verdict.historyIndex < this.history.length;
    const next = found ? Array.from(verdict.line) : this.draft;
    this.redrawRow(next, found ? verdict.cursor : next.length);
    // Up/Down continue from the entry found, as in bash.
    this.historyIndex = found ? verdict.historyIndex : this.history.length;
    return verdict.replay === undefined ? { kind: 'none' } : this.key(verdict.replay);
  }

  private drawSearch(): void {
    const { text, cursor } = this.search!.view(this.view.cols());
    const back = Array.from(text).length - cursor;
    this.write(`\r${CSI}K${text}${back > 0 ? `${CSI}${back}D` : ''}`);
  }

  /** Rewrite the row from column 0: the prompt, then `next`, cursor at `cursor`. */
  private redrawRow(next: string[], cursor: number): void {
    this.chars = next;
    this.write(`\r${CSI}K${this.view.prompt()}${this.text}`);
    this.cursor = next.length;
    this.moveTo(cursor);
  }

  private recall(delta: -1 | 1): void {
    if (this.history.length === 0) return;
    if (this.historyIndex === this.history.length) this.draft = [...this.chars];
    const next = Math.min(this.history.length, Math.max(0, this.historyIndex + delta));
    if (next === this.historyIndex) return;
    this.historyIndex = next;
    const text = next === this.history.length ? this.draft : Array.from(this.history[next]!);
    this.replace([...text], text.length);
  }

  private moveTo(pos: number): void {
    const delta = pos - this.cursor;
    if (delta < 0) this.write(`${CSI}${-delta}D`);
    if (delta > 0) this.write(`${CSI}${delta}C`);
    this.cursor = pos;
  }

  private deleteAt(pos: number): void {
    if (pos >= this.chars.length) return;
    this.chars.splice(pos, 1);
    this.redrawFrom(pos);
  }

  /** Replace the whole line, leaving the cursor at `cursor`. */
  private replace(next: string[], cursor: number): void {
    this.moveTo(0);
    this.chars = next;
    this.write(`${this.text}${CSI}K`);
    this.cursor = next.length;
    this.moveTo(cursor);
  }

  /** Rewrite from `pos` to the end, then put the cursor back where it belongs. */
  private redrawFrom(pos: number): void {
    const tail = this.chars.slice(pos).join('');
    this.write(`${tail}${CSI}K`);
    const back = this.chars.length - this.cursor;
    if (back > 0) this.write(`${CSI}${back}D`);
  }
}

const ESCAPE = /\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?/y;

/**
 * The key starting at `from` in raw terminal input: an escape sequence stays
 * whole, printable text is one run (a paste is one insert). One key at a time
 * lets the session stop at Enter and keep the rest as typeahead without
 * re-splitting a long multi-line paste once per line (that was quadratic).
 */
export function nextKey(data: string, from: number): string {
  const ch = data[from]!;
  if (ch === '\x1b') {
    ESCAPE.lastIndex = from;
    return ESCAPE.exec(data)?.[0] ?? ch;
  }
  if (ch < ' ' || ch === '\x7f') return ch;
  let j = from;
  while (j < data.length && data[j]! >= ' ' && data[j] !== '\x7f' && data[j] !== '\x1b') j++;
  return data.slice(from, j);
}
