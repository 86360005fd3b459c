/**
 * A page object for the lab terminal: type like a person, read what the
 * screen really shows (xterm's buffer), wait for text instead of sleeping.
 */
import { expect, type Page } from '@playwright/test';

export class TerminalPage {
  constructor(readonly page: Page) {}

  async open(path = '/labs/speak-smtp/?seed=42'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.locator('[data-terminal-status]')).toContainText('ready');
    await this.waitFor(/admin@ops:~\$ $/m);
  }

  /** The visible text of the whole terminal buffer, one line per row, trailing spaces kept off. */
  async screen(): Promise<string> {
    return this.page.evaluate(() => {
      const term = (window as unknown as { relayLab: { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } } } } }).relayLab.term;
      const buf = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n').replace(/\n+$/, '') + '\n';
    });
  }

  /**
   * The terminal's text as written, rows that xterm wrapped joined back into their lines: the
   * same session shows the same text whatever width the page gave the terminal on that load.
   */
  async text(): Promise<string> {
    return this.page.evaluate(() => {
      type Line = { isWrapped: boolean; translateToString(trim: boolean): string };
      const term = (window as unknown as { relayLab: { term: { buffer: { active: { length: number; getLine(i: number): Line | undefined } } } } }).relayLab.term;
      const buf = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buf.length; i++) {
        const line = buf.getLine(i);
        if (!line) continue;
        if (line.isWrapped && lines.length) lines[lines.length - 1] += line.translateToString(false);
        else lines.push(line.translateToString(false));
      }
      return lines.map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '') + '\n';
    });
  }

  async waitFor(pattern: RegExp | string, timeout = 10_000): Promise<string> {
    let last = '';
    await expect
      .poll(
        async () => {
          last = await this.screen();
          return typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last);
        },
        { timeout, message: `terminal never showed ${pattern}` },
      )
      .toBe(true);
    return last;
  }

  async focus(): Promise<void> {
    await this.page.locator('.xterm-helper-textarea').focus();
  }

  /** Type a line with the keyboard and press Enter. */
  async typeLine(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Count occurrences of a string on screen (to wait for the n-th prompt, say). */
  async count(text: string): Promise<number> {
    return (await this.screen()).split(text).length - 1;
  }

  /** Type a whole line at once when the terminal is ready (through the recorder, as keys are), then wait for the command and its grading. */
  async run(line: string): Promise<void> {
    await this.page.evaluate(async (l) => {
      const w = window as unknown as { relayLab: { session: { whenReady(opts?: { patient?: boolean }): Promise<void>; input(d: string): void } }; relayLabRunner: { settled(): Promise<void> } };
      await w.relayLab.session.whenReady({ patient: false });
      w.relayLab.session.input(l + '\r');
      await new Promise((r) => setTimeout(r, 0));
      await w.relayLabRunner.settled();
    }, line);
  }

  /** Wait until the lab page has replayed saved work and graded it (`relayLabRestoredAt`), then until grading is idle. */
  async restored(): Promise<void> {
    await this.page.waitForFunction(() => (globalThis as { relayLabRestoredAt?: number }).relayLabRestoredAt !== undefined && 'relayLab' in globalThis, null, { timeout: 30_000 });
    await this.page.evaluate(() => (window as unknown as { relayLabRunner: { settled(): Promise<void> } }).relayLabRunner.settled());
  }

  /** Which steps the page marks done, in order. */
  async marks(): Promise<boolean[]> {
    return this.page.locator('[data-step]').evaluateAll((els) => els.map((e) => e.classList.contains('done')));
  }
}
