/**
 * Lab 1 in real Chromium: completed by typing, graded from the simulation,
 * surviving a reload mid-lab, reset with confirmation, and finished with the
 * keyboard only. Axe finds no serious or critical violations on the pages.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { TerminalPage } from './terminal-page.ts';

const LAB = '/labs/speak-smtp/?seed=42';
const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);

async function startDialogue(t: TerminalPage): Promise<void> {
  await t.typeLine('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example ESMTP Postfix');
  await t.typeLine('EHLO ops.corp.example');
  await t.waitFor(/^250 CHUNKING$/m);
  await t.typeLine('MAIL FROM:<admin@corp.example>');
  await t.waitFor('250 2.1.0 Ok');
}

async function finishDialogue(t: TerminalPage): Promise<void> {
  await t.typeLine('RCPT TO:<bob@corp.example>');
  await t.waitFor('250 2.1.5 Ok');
  await t.typeLine('DATA');
  await t.waitFor('354 End data');
  await t.typeLine('Subject: typed in the lab');
  await t.typeLine('.');
  await t.waitFor(/queued as [0-9A-F]+/);
  await t.typeLine('QUIT');
  await t.waitFor('221 2.0.0 Bye');
}

test('lab 1 by typing: a passed step is marked at once; the answer is checked against the mailbox', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open(LAB);
  await expect(page.locator('[data-lab-seed]')).toHaveText('42');
  await expect(step(page, 'send')).toHaveAttribute('aria-current', 'step');
  await startDialogue(t);
  await finishDialogue(t);
  await expect(step(page, 'send')).toHaveClass(/done/);
  await expect(page.locator('[data-lab-announce]')).toContainText('Step 1 done');
  await expect(step(page, 'read')).toHaveAttribute('aria-current', 'step');

  // Hints appear one at a time.
  await step(page, 'read').getByRole('button', { name: /Show a hint/ }).click();
  await expect(step(page, 'read').locator('[data-hint-list] li:visible')).toHaveCount(1);

  const answer = step(page, 'read').getByRole('textbox');
  await answer.fill('bob@corp.example');
  await step(page, 'read').getByRole('button', { name: 'Answer' }).click();
  await expect(step(page, 'read').locator('[data-step-status]')).toContainText('not the Return-Path');
  await answer.fill('<admin@corp.example>');
  await step(page, 'read').getByRole('button', { name: 'Answer' }).click();
  await expect(page.locator('[data-lab-summary]')).toBeVisible();
  await expect(page.locator('[data-lab-time]')).toContainText('You completed every step in');
});

test('reload mid-lab restores the session and progress; reset asks first and starts afresh', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/speak-smtp/');
  const seed = await page.locator('[data-lab-seed]').textContent();
  await startDialogue(t);

  await page.reload();
  await expect(page.locator('[data-terminal-status]')).toContainText('ready');
  await expect(page.locator('[data-lab-seed]')).toHaveText(seed!);
  // The scrollback is back, and telnet is connected again, waiting for RCPT.
  await t.waitFor('250 2.1.0 Ok');
  await finishDialogue(t);
  await expect(step(page, 'send')).toHaveClass(/done/);

  await page.reload();
  await expect(page.locator('[data-terminal-status]')).toContainText('ready');
  await expect(step(page, 'send')).toHaveClass(/done/);

  // Dismissing the confirmation keeps everything.
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: 'Reset lab' }).click();
  await expect(step(page, 'send')).toHaveClass(/done/);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Reset lab' }).click();
  await expect(page.locator('[data-terminal-status]')).toContainText('ready');
  await expect(step(page, 'send')).not.toHaveClass(/done/);
  expect(await t.screen()).not.toContain('MAIL FROM');
});

test('damaged saved progress is set aside with a visible notice', async ({ page }) => {
  // Written from a page without the lab: on the lab's own page its runner may save a fresh
  // record after this one and overwrite it (the race behind this test's failures under load).
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('relaylab:lab:speak-smtp', '{"v":0,"garbage":true'));
  const t = new TerminalPage(page);
  await t.open('/labs/speak-smtp/');
  await expect(page.locator('[data-lab-notice="load"]')).toContainText('could not be read. It was kept');
});

test('lab 1 with the keyboard only', async ({ page }) => {
  await page.goto(LAB);
  await expect(page.locator('[data-terminal-status]')).toContainText('ready');
  // The terminal has focus on load; type, leave with Escape then Shift-Tab, answer, all by keys.
  const t = new TerminalPage(page);
  const type = async (line: string) => {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  };
  await type('telnet mail.corp.example 25');
  await t.waitFor('220 mail.corp.example');
  for (const line of ['EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA']) {
    const before = await t.count('\n2') + (await t.count('\n3'));
    await type(line);
    await expect.poll(async () => (await t.count('\n2')) + (await t.count('\n3'))).toBeGreaterThan(before);
  }
  await type('Subject: keyboard only');
  await type('.');
  await t.waitFor(/queued as/);
  await type('QUIT');
  await t.waitFor('221 2.0.0 Bye');
  await expect(step(page, 'send')).toHaveClass(/done/);

  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 15; i++) {
    const name = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
    if (name === 'answer-read') break;
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.type('admin@corp.example');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-lab-summary]')).toBeVisible();
});

for (const path of ['/', '/lessons/outgoing-spam/', '/lessons/open-relays/', '/lessons/closing-a-relay/', '/labs/speak-smtp/', '/labs/open-relay-test/', '/labs/close-the-relay/']) {
  test(`axe: no serious or critical violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    if (path.startsWith('/labs/')) await expect(page.locator('[data-terminal-status]')).toContainText('ready');
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}
