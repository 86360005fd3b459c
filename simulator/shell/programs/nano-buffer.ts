/** The text nano edits: lines, a cursor, and the edits its keys make. Pure, no terminal. */
export class TextBuffer {
  lines: string[];
  row = 0;
  col = 0;
  modified = false;
  private cut: string[] = [];
  private cutting = false;

  constructor(text: string) {
    this.lines = text.replace(/\n$/, '').split('\n');
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }

  get line(): string {
    return this.lines[this.row] ?? '';
  }

  insert(s: string): void {
    for (const ch of s) {
      if (ch === '\r' || ch === '\n') this.newline();
      else if (ch >= ' ' || ch === '\t') {
        this.lines[this.row] = this.line.slice(0, this.col) + ch + this.line.slice(this.col);
        this.col++;
        this.modified = true;
      }
    }
    this.cutting = false;
  }

  newline(): void {
    const rest = this.line.slice(this.col);
    this.lines[this.row] = this.line.slice(0, this.col);
    this.lines.splice(++this.row, 0, rest);
    this.col = 0;
    this.modified = true;
  }

  backspace(): void {
    if (this.col > 0) {
      this.lines[this.row] = this.line.slice(0, this.col - 1) + this.line.slice(this.col);
      this.col--;
    } else if (this.row > 0) {
      const cur = this.lines.splice(this.row, 1)[0] ?? '';
      this.row--;
      this.col = this.line.length;
      this.lines[this.row] += cur;
    } else return;
    this.modified = true;
  }

  del(): void {
    if (this.col < this.line.length) this.lines[this.row] = this.line.slice(0, this.col) + this.line.slice(this.col + 1);
    else if (this.row < this.lines.length - 1) this.lines[this.row] += this.lines.splice(this.row + 1, 1)[0] ?? '';
    else return;
    this.modified = true;
  }

  /** ^K: cut the line; consecutive cuts collect into one paste. */
  cutLine(): void {
    if (!this.cutting) this.cut = [];
    this.cut.push(this.line);
    if (this.lines.length > 1) this.lines.splice(this.row, 1);
    else this.lines[0] = '';
    this.row = Math.min(this.row, this.lines.length - 1);
    this.col = 0;
    this.modified = true;
    this.cutting = true;
  }

  paste(): void {
    if (!this.cut.length) return;
    this.lines.splice(this.row, 0, ...this.cut);
    this.row += this.cut.length;
    this.col = 0;
    this.modified = true;
    this.cutting = false;
  }

  move(dRow: number, dCol: number): void {
    this.cutting = false;
    if (dCol < 0 && this.col === 0 && this.row > 0) {
      this.row--;
      this.col = this.line.length;
      return;
    }
    if (dCol > 0 && this.col >= this.line.length && this.row < this.lines.length - 1) {
      this.row++;
      this.col = 0;
      return;
    }
    this.row = Math.max(0, Math.min(this.lines.length - 1, this.row + dRow));
    this.col = Math.max(0, Math.min(this.line.length, this.col + dCol));
  }

  home(): void {
    this.col = 0;
  }

  end(): void {
    this.col = this.line.length;
  }
}
