/**
 * The prompt's line editor: cursor keys, Home/End, backspace/delete, word and
 * line kills, history. Pure state plus the escape sequences to redraw, so the
 * same editor serves xterm.js in the browser and a raw TTY under Node.
 */
export type EditorAction =
  | { kind: 'none' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'clear-screen' }
  | { kind: 'eof' }
  | { kind: 'complete' };

const CSI = '\x1b[';

export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;
  private history: string[] = [];
  private historyIndex = 0;
  private draft: string[] = [];

  constructor(private readonly write: (data: string) => void) {}

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
    this.chars = [];
    this.cursor = 0;
    this.historyIndex = this.history.length;
  }

  /** Insert text at the cursor (used by paste and tab completion). */
  insert(text: string): void {
    const add = Array.from(text);
    const atEnd = this.cursor === this.chars.length;
    this.chars.splice(this.cursor, 0, ...add);
    this.cursor += add.length;
    if (atEnd) this.write(text);
    else this.redrawFrom(this.cursor - add.length);
  }

  /** Handle one key (an escape sequence or a single character). */
  key(k: string): EditorAction {
    switch (k) {
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

/** Split raw terminal input into keys: escape sequences stay whole, text is kept in runs. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    const ch = data[i]!;
    if (ch === '\x1b') {
      const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?/.exec(data.slice(i));
      const seq = m ? m[0] : ch;
      keys.push(seq);
      i += seq.length;
    } else if (ch < ' ' || ch === '\x7f') {
      keys.push(ch);
      i++;
    } else {
      let j = i;
      while (j < data.length && data[j]! >= ' ' && data[j] !== '\x7f' && data[j] !== '\x1b') j++;
      keys.push(data.slice(i, j));
      i = j;
    }
  }
  return keys;
}
