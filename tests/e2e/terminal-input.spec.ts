/**
 * Input comforts in real Chromium: Ctrl-R history search, 1 MB pastes that
 * must not freeze the tab, and the clipboard keys (Ctrl-Shift-V / -C).
 * No timing assertions: "responsive" means the next command still runs.
 */
import { expect, test, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

const MB = 1024 * 1024;

/** xterm's own paste path (what a browser paste event ends in): one onData with the whole text. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    (window as unknown as { relayLab: { term: { paste(s: string): void } } }).relayLab.term.paste(t);
  }, text);
}

test('Ctrl-R finds an earlier command, Ctrl-R again an older one, Enter runs it; Esc accepts for editing; Ctrl-G cancels', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('echo alpha-1');
  await t.waitFor(/^alpha-1$/m);
  await t.typeLine('echo alpha-2');
  await t.waitFor(/^alpha-2$/m);
  await t.typeLine('echo beta');
  await t.waitFor(/^beta$/m);

  await page.keyboard.press('Control+r');
  await t.waitFor(/\(reverse-i-search\)`': $/m);
  await page.keyboard.type('alpha');
  await t.waitFor(/\(reverse-i-search\)`alpha': echo alpha-2$/m);
  await page.keyboard.press('Control+r');
  await t.waitFor(/\(reverse-i-search\)`alpha': echo alpha-1$/m);
  await page.keyboard.press('Enter');
  // The prompt comes back in place of the search line, with the command, and it runs.
  await t.waitFor(/^admin@ops:~\$ echo alpha-1\nalpha-1\nadmin@ops:~\$ $/m);

  // Esc: the match becomes the line to edit.
  await page.keyboard.press('Control+r');
  await page.keyboard.type('beta');
  await t.waitFor(/`beta': echo beta$/m);
  await page.keyboard.press('Escape');
  await t.waitFor(/^admin@ops:~\$ echo beta$/m);
  await page.keyboard.press('End');
  await page.keyboard.type('-edited');
  await page.keyboard.press('Enter');
  await t.waitFor(/^beta-edited$/m);

  // Ctrl-G: back to what was typed before the search.
  await page.keyboard.type('echo draft');
  await page.keyboard.press('Control+r');
  await page.keyboard.type('alpha');
  await t.waitFor(/`alpha': echo alpha-1$/m);
  await page.keyboard.press('Control+g');
  await t.waitFor(/^admin@ops:~\$ echo draft$/m);
  expect(await t.screen()).not.toMatch(/reverse-i-search\)`alpha': echo alpha-1\n*$/);
  await page.keyboard.press('Enter');
  await t.waitFor(/^draft\nadmin@ops:~\$ $/m);
});

test('a 1 MB single line pasted at the prompt: the tab stays usable', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await paste(page, 'Z'.repeat(MB));
  await t.waitFor('ZZZZZZZZZZ');
  await page.keyboard.press('Enter');
  await t.waitFor(/^relaylab: that line is too long to run \(over 1 MB\)\nadmin@ops:~\$ $/m, 30_000);
  await t.typeLine('echo alive');
  await t.waitFor(/^alive\nadmin@ops:~\$ $/m);
  await expect(page.locator('.xterm')).toBeVisible();
});

test('1 MB of lines pasted into a telnet DATA body: queued, and the session goes on', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  for (const [line, reply] of [
    ['EHLO client.example', '250 CHUNKING'],
    ['MAIL FROM:<admin@corp.example>', '250 2.1.0 Ok'],
    ['RCPT TO:<bob@corp.example>', /^250 2\.1\.5 Ok$/m],
    ['DATA', '354 '],
  ] as const) {
    await t.typeLine(line);
    await t.waitFor(reply);
  }
  const line = 'The quick brown fox jumps over the lazy dog, again and again.\n';
  const body = 'Subject: big paste\n\n' + line.repeat(Math.ceil(MB / line.length)) + '.\n';
  expect(body.length).toBeGreaterThan(MB);
  await paste(page, body);
  await t.waitFor(/^250 2\.0\.0 Ok: queued as \w+$/m, 30_000);
  await t.typeLine('QUIT');
  await t.waitFor(/^221 /m);
  await t.waitFor(/^admin@ops:~\$ $/m);
  await t.typeLine('echo alive');
  await t.waitFor(/^alive\nadmin@ops:~\$ $/m);
});

test.describe('clipboard', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('Ctrl-Shift-V pastes the clipboard at the prompt', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open();
    await page.evaluate(() => navigator.clipboard.writeText('echo from-the-clipboard'));
    await t.focus();
    await page.keyboard.press('Control+Shift+V');
    await t.waitFor(/^admin@ops:~\$ echo from-the-clipboard$/m);
    await page.keyboard.press('Enter');
    await t.waitFor(/^from-the-clipboard$/m);
  });

  test('a paste event on the terminal (what the context menu\'s Paste sends) lands at the prompt', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open();
    // Chromium's native context menu cannot be driven by Playwright; its Paste item
    // fires this event on xterm's textarea, which is the part we own.
    await page.locator('.xterm-screen').click({ button: 'right' });
    await page.locator('.xterm-helper-textarea').evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'echo from-the-menu');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await t.waitFor(/^admin@ops:~\$ echo from-the-menu$/m);
  });

  test('selecting text and pressing Ctrl-Shift-C copies it', async ({ page }) => {
    const t = new TerminalPage(page);
    await t.open();
    // Something else on the clipboard first, so only the copy can make the test pass.
    await page.evaluate(() => navigator.clipboard.writeText('stale'));
    await t.typeLine('echo copyme-4711');
    const screen = await t.waitFor(/^copyme-4711$/m);
    const row = screen.split('\n').indexOf('copyme-4711');
    // Double-click the word on screen, as a person selects it.
    const box = (await page.locator('.xterm-screen').boundingBox())!;
    const { cols, rows } = await page.evaluate(() => {
      const term = (window as unknown as { relayLab: { term: { cols: number; rows: number } } }).relayLab.term;
      return { cols: term.cols, rows: term.rows };
    });
    const cell = { w: box.width / cols, h: box.height / rows };
    await page.mouse.dblclick(box.x + cell.w * 3.5, box.y + cell.h * (row + 0.5));
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copyme-4711');
  });
});
