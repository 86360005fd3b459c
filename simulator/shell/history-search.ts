/**
 * Incremental history search, bash's Ctrl-R (and Ctrl-S): pure state, so the
 * line editor only has to draw what `view()` says and act on `key()`'s verdict.
 *
 * Keys while searching, as in bash/readline:
 * - text extends the query and keeps the current match if it still fits,
 *   otherwise looks further back; Backspace shortens the query
 * - Ctrl-R: the next older match (on an empty query: the previous search's)
 * - Ctrl-S: the next newer match
 * - Ctrl-G: give up, the line as it was before the search comes back
 * - anything else (Enter, Esc, arrows, Tab, Ctrl-A/E/C…) accepts the match
 *   and is then handled as an ordinary key, so Enter runs it, an arrow starts
 *   editing it, Ctrl-C abandons the line like it would any line.
 */
export type SearchVerdict =
  | { kind: 'stay' }
  | { kind: 'cancel' }
  /** `replay`: the key that ended the search, to be handled by the editor afterwards. */
  | { kind: 'accept'; line: string; historyIndex: number; cursor: number; replay?: string };

const BACKSPACE = new Set(['\x7f', '\b']);

export class HistorySearch {
  private query = '';
  /** Index into history of the match shown; history.length = none yet. */
  private index: number;
  /** Where the match starts within its entry, in characters (the cursor sits there, as in bash). */
  private at = -1;
  private failed = false;
  private forward = false;

  constructor(
    private readonly history: readonly string[],
    private readonly lastQuery: string,
  ) {
    this.index = history.length;
  }

  get text(): string {
    return this.query;
  }

  /** The entry shown, or '' before anything matched. */
  get match(): string {
    return this.history[this.index] ?? '';
  }

  key(k: string): SearchVerdict {
    if (k === '\x07') return { kind: 'cancel' };
    if (k === '\x12' || k === '\x13') {
      this.forward = k === '\x13';
      if (!this.query && this.lastQuery) this.query = this.lastQuery;
      this.step(this.forward ? 1 : -1);
      return { kind: 'stay' };
    }
    if (BACKSPACE.has(k)) {
      this.query = Array.from(this.query).slice(0, -1).join('');
      // Re-search from the newest entry, so a shorter query finds the latest line again.
      this.index = this.history.length;
      this.at = -1;
      this.failed = false;
      if (this.query) this.step(-1);
      return { kind: 'stay' };
    }
    if (k.length > 0 && !k.startsWith('\x1b') && k >= ' ') {
      this.query += k;
      // Keep the current entry when it still contains the longer query.
      const here = this.history[this.index];
      const pos = here === undefined ? -1 : here.lastIndexOf(this.query);
      if (pos >= 0) this.at = codePoints(here!.slice(0, pos));
      else this.step(this.forward ? 1 : -1);
      return { kind: 'stay' };
    }
    const line = this.match;
    // A bare Esc ends the search and nothing more.
    const replay = k === '\x1b' ? undefined : k;
    return { kind: 'accept', line, historyIndex: this.index, cursor: this.at >= 0 ? this.at : line.length, replay };
  }

  /** Move to the next entry (older: -1, newer: +1) containing the query; stay put if none. */
  private step(dir: -1 | 1): void {
    if (!this.query) return;
    for (let i = this.index + dir; i >= 0 && i < this.history.length; i += dir) {
      const pos = this.history[i]!.lastIndexOf(this.query);
      if (pos >= 0) {
        this.index = i;
        this.at = codePoints(this.history[i]!.slice(0, pos));
        this.failed = false;
        return;
      }
    }
    this.failed = true;
  }

  /** The line to show instead of the prompt: bash's wording, and where the cursor goes in it. */
  view(cols: number): { text: string; cursor: number } {
    const label = `(${this.failed ? 'failed ' : ''}${this.forward ? 'i-search' : 'reverse-i-search'})\`${this.query}': `;
    const line = Array.from(this.match);
    const at = this.at >= 0 ? this.at : 0;
    // One terminal row only, so each redraw can start from column 0 with \r:
    // a long match is shown as a window around where the query was found.
    const room = Math.max(10, cols - label.length - 1);
    const start = line.length <= room ? 0 : Math.max(0, Math.min(at, line.length - room));
    const shown = line.slice(start, start + room).join('');
    return { text: label + shown, cursor: Array.from(label).length + at - start };
  }
}

/** Length in characters (code points), the unit the line editor's cursor counts in. */
const codePoints = (s: string): number => Array.from(s).length;
