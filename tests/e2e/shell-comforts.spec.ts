/** The shell in real Chromium: nano round trip, Ctrl-C, tab completion, history. */
import { expect, test } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

test('nano: edit main.cf on mail, save with Ctrl-O, exit with Ctrl-X, the change is there', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('ssh mail');
  await t.waitFor(/root@mail:~# $/m);
  await t.typeLine('nano /etc/postfix/main.cf');
  await t.waitFor('GNU nano 7.2');
  await t.waitFor('^X Exit');
  for (let i = 0; i < 10; i++) await page.keyboard.press('PageDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('mynetworks = 127.0.0.0/8 10.0.0.0/24');
  await t.waitFor('Modified');
  await page.keyboard.press('Control+o');
  await t.waitFor('File Name to Write: /etc/postfix/main.cf');
  await page.keyboard.press('Enter');
  await t.waitFor(/\[ Wrote \d+ lines \]/);
  await page.keyboard.press('Control+x');
  await t.waitFor(/root@mail:~# $/m);
  // postconf reads main.cf as saved (the running server only changes on reload).
  await t.typeLine('postconf mynetworks');
  await t.waitFor(/\nmynetworks = 127\.0\.0\.0\/8 10\.0\.0\.0\/24\n/);
});

test('Ctrl-C stops tail -f and a loop of builtins; a loop nobody stops is cut off by the step budget with a clear message', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.typeLine('tail -f /etc/hosts');
  await t.waitFor('localhost');
  await page.keyboard.press('Control+c');
  await t.waitFor(/\^C\nadmin@ops:~\$ $/m);
  // Ctrl-C as a task queued the moment the loop starts (the key's path: xterm's onData → session.input):
  // it runs only if the loop gives the page a turn, so ^C, not the budget's message. A pressed key's round
  // trip from the test runner could take longer than the whole loop on a busy machine.
  await page.evaluate(() => {
    const s = (window as unknown as { relayLab: { session: { input(d: string): void } } }).relayLab.session;
    s.input('while true; do :; done\r');
    setTimeout(() => s.input('\x03'), 0);
  });
  const stopped = await t.waitFor(/while true; do :; done\n(\^C|relaylab: stopped)[^\n]*\nadmin@ops:~\$ $/m);
  expect(stopped).toMatch(/while true; do :; done\n\^C\n/);
  await t.typeLine('until false; do :; done');
  await t.waitFor('relaylab: stopped a runaway command (too many steps)');
  await t.waitFor(/admin@ops:~\$ $/m);
  await t.typeLine('echo alive');
  await t.waitFor(/\nalive\nadmin@ops:~\$ $/m);
});

test('tab completes commands, paths and hosts; arrow up recalls history', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await t.focus();
  await page.keyboard.type('systemc');
  await page.keyboard.press('Tab');
  await t.waitFor('admin@ops:~$ systemctl ');
  await page.keyboard.press('Control+u');
  await page.keyboard.type('cat /etc/reso');
  await page.keyboard.press('Tab');
  await t.waitFor('cat /etc/resolv.conf ');
  await page.keyboard.press('Enter');
  await t.waitFor(/nameserver /);
  await page.keyboard.type('ssh outs');
  await page.keyboard.press('Tab');
  await t.waitFor('ssh outside');
  await page.keyboard.press('Control+u');
  await t.typeLine('echo first-entry');
  await t.waitFor(/\nfirst-entry\n/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  // Typed and recalled: each shows the command line and its output, so exactly four.
  await expect.poll(async () => t.count('first-entry\n')).toBe(4);
});

test('terminal settings are labelled buttons', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open();
  await page.getByRole('button', { name: 'Larger terminal text' }).click();
  await expect(page.locator('[data-terminal-status]')).toContainText('16px');
  const reader = page.getByRole('button', { name: 'Screen reader mode' });
  await reader.click();
  await expect(reader).toHaveAttribute('aria-pressed', 'true');
});
