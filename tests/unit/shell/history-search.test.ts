/** Ctrl-R in the prompt's line editor: bash's reverse-i-search, driven key by key. */
import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../../simulator/shell/line-editor.ts';

const PROMPT = '$ ';

/** An editor with history, and everything it wrote since the last `take()`. */
function editor(history: string[], cols = 80) {
  let out = '';
  const ed = new LineEditor((d) => (out += d), { prompt: () => PROMPT, cols: () => cols });
  for (const h of history) ed.remember(h);
  const take = () => {
    const o = out;
    out = '';
    return o;
  };
  /** The search row as last drawn (each redraw starts with \r and erase-line). */
  const row = () => take().split('\r\x1b[K').pop()!.replace(/\x1b\[\d+D$/, '');
  return { ed, take, row, keys: (...ks: string[]) => ks.map((k) => ed.key(k)) };
}

const HISTORY = ['ssh mail', 'grep DPT=25 /var/log/firewall.log', 'tail -f /var/log/mail.log', 'postconf mynetworks', 'tail -n 5 /var/log/mail.log'];

describe('reverse-i-search (Ctrl-R)', () => {
  it('shows bash\'s prompt, narrows as you type, and puts the cursor on the match', () => {
    const { ed, row, keys } = editor(HISTORY);
    keys('\x12');
    expect(ed.searching).toBe(true);
    expect(row()).toBe("(reverse-i-search)`': ");
    keys('t', 'ail');
    expect(row()).toBe("(reverse-i-search)`tail': tail -n 5 /var/log/mail.log");
    keys(' -f');
    expect(row()).toBe("(reverse-i-search)`tail -f': tail -f /var/log/mail.log");
  });

  it('Ctrl-R again finds older matches; at the oldest it says failed and keeps the last match', () => {
    const { row, keys } = editor(HISTORY);
    keys('\x12', 'mail');
    expect(row()).toBe("(reverse-i-search)`mail': tail -n 5 /var/log/mail.log");
    keys('\x12');
    expect(row()).toBe("(reverse-i-search)`mail': tail -f /var/log/mail.log");
    keys('\x12');
    expect(row()).toBe("(reverse-i-search)`mail': ssh mail");
    keys('\x12');
    expect(row()).toBe("(failed reverse-i-search)`mail': ssh mail");
  });

  it('Enter runs the match', () => {
    const { ed, keys } = editor(HISTORY);
    const actions = keys('\x12', 'postc', '\r');
    expect(actions.at(-1)).toEqual({ kind: 'submit', line: 'postconf mynetworks' });
    expect(ed.searching).toBe(false);
  });

  it('Esc accepts the match for editing, cursor where the query was found, prompt redrawn', () => {
    const { ed, take, keys } = editor(HISTORY);
    keys('\x12', 'DPT');
    take();
    expect(keys('\x1b')).toEqual([{ kind: 'none' }]);
    expect(ed.searching).toBe(false);
    expect(ed.text).toBe('grep DPT=25 /var/log/firewall.log');
    expect(ed.cursorIndex).toBe(5);
    expect(take()).toContain('\r\x1b[K$ grep DPT=25');
    // Now it is an ordinary line: typing edits it.
    keys('\x05', ' | wc -l');
    expect(ed.text).toBe('grep DPT=25 /var/log/firewall.log | wc -l');
  });

  it('an arrow key accepts and then moves, as in bash', () => {
    const { ed, keys } = editor(HISTORY);
    keys('\x12', 'ssh', '\x1b[C');
    expect(ed.text).toBe('ssh mail');
    expect(ed.cursorIndex).toBe(1);
    // Down continues from the entry found: the next newer line, as in bash.
    keys('\x1b[B');
    expect(ed.text).toBe('grep DPT=25 /var/log/firewall.log');
  });

  it('Ctrl-G gives the original line back; Ctrl-C abandons the line', () => {
    const { ed, take, keys } = editor(HISTORY);
    keys('echo half-typed', '\x12', 'ssh');
    take();
    keys('\x07');
    expect(ed.text).toBe('echo half-typed');
    expect(ed.searching).toBe(false);
    expect(take()).toBe('\r\x1b[K$ echo half-typed');
    expect(keys('\x12', 'ssh', '\x03')).toEqual([{ kind: 'none' }, { kind: 'none' }, { kind: 'interrupt' }]);
    expect(ed.searching).toBe(false);
  });

  it('Backspace widens the search again; an empty Ctrl-R reuses the last query', () => {
    const { ed, row, keys } = editor(HISTORY);
    keys('\x12', 'mailx');
    expect(row()).toBe("(failed reverse-i-search)`mailx': ");
    keys('\x7f');
    expect(row()).toBe("(reverse-i-search)`mail': tail -n 5 /var/log/mail.log");
    keys('\x1b');
    ed.reset();
    keys('\x12', '\x12');
    expect(row()).toBe("(reverse-i-search)`mail': tail -n 5 /var/log/mail.log");
    expect(ed.searching).toBe(true);
  });

  it('Enter with nothing found keeps the line that was being typed', () => {
    const { keys } = editor(HISTORY);
    const actions = keys('echo x', '\x12', 'zzz', '\r');
    expect(actions.at(-1)).toEqual({ kind: 'submit', line: 'echo x' });
  });

  it('a match longer than the terminal is shown in one row, around the query', () => {
    const long = 'echo ' + 'a'.repeat(200) + ' NEEDLE ' + 'b'.repeat(200);
    const { row, keys } = editor([long], 40);
    keys('\x12', 'NEEDLE');
    const shown = row();
    expect(shown.length).toBeLessThan(40);
    expect(shown).toContain('NEEDLE');
  });
});

describe('paste into the line editor', () => {
  it('takes a 1 MB line in one go (no stack overflow), in the middle of a line too', () => {
    const { ed, keys } = editor([]);
    const big = 'X'.repeat(1 << 20);
    keys('echo ', big);
    expect(ed.text.length).toBe(5 + (1 << 20));
    keys('\x01', big);
    expect(ed.text.length).toBe(5 + 2 * (1 << 20));
    expect(ed.cursorIndex).toBe(1 << 20);
  });
});
