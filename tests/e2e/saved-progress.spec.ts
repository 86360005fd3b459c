/**
 * Saved progress that cannot be lost quietly (issue 9, observation 6): a
 * full storage says so at once and offers the attempt as a file; progress
 * from a newer version is kept, not deleted; damaged data is kept and its
 * notice stays; a 2,000-command session is restored, in slices the page
 * stays responsive between.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { TerminalPage } from './terminal-page.ts';

const LAB = '/labs/speak-smtp/?seed=42';
const KEY = 'relaylab:lab:speak-smtp';

async function seedStorage(page: Page, value: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [KEY, value]);
}

test('storage full: the first failed save is reported at once, visibly, with the attempt to download', async ({ page }) => {
  await page.addInitScript((key) => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === key && (globalThis as { fullStorage?: boolean }).fullStorage) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  }, KEY);
  const t = new TerminalPage(page);
  await t.open(LAB);
  await t.restored();
  const notice = page.locator('[data-lab-notice="save"]');
  await expect(notice).toHaveCount(0);
  await page.evaluate(() => ((globalThis as { fullStorage?: boolean }).fullStorage = true));
  await t.run('echo unsaved-work');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText("Your progress is NOT being saved: this browser's storage for the site is full.");
  const bad = (await new AxeBuilder({ page }).include('[data-lab-notices]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => v.id)).toEqual([]);
  const [file] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download my attempt (JSON)' }).click()]);
  expect(file.suggestedFilename()).toBe('relaylab-speak-smtp-seed-42.json');
  const saved = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { v: number; seed: number; log: Array<{ d: string }> };
  expect(saved).toMatchObject({ v: 1, seed: 42 });
  expect(saved.log.map((c) => c.d).join('')).toContain('echo unsaved-work\r');

  // Space again: the next save works and the notice says so.
  await page.evaluate(() => ((globalThis as { fullStorage?: boolean }).fullStorage = false));
  await t.run('echo saved-again');
  await expect(notice).toHaveText(/Your progress is being saved again\./);
  await expect(notice).toHaveAttribute('role', 'status');
});

test('progress from a newer version is kept, not deleted, and the notice says where', async ({ page }) => {
  const newer = JSON.stringify({ v: 2, lab: 'speak-smtp', seed: 5, events: [], future: true });
  await seedStorage(page, newer);
  const t = new TerminalPage(page);
  await t.open(LAB);
  await t.restored();
  const notice = page.locator('[data-lab-notice="load"]');
  await expect(notice).toContainText('written by a newer version (progress format 2) of Relay Lab');
  await expect(notice).toContainText(`kept (as "${KEY}:kept:v2"), not deleted`);
  await t.run('echo fresh');
  expect(await page.evaluate((k) => localStorage.getItem(k), `${KEY}:kept:v2`)).toBe(newer);
  expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY))!)).toMatchObject({ v: 1, seed: 42 });
});

test('damaged progress is kept aside and its notice stays while the learner works', async ({ page }) => {
  await seedStorage(page, '{"v":1,"garbage":');
  const t = new TerminalPage(page);
  await t.open(LAB);
  await t.restored();
  await t.run('echo working');
  await page.getByRole('button', { name: 'Check my work' }).click();
  const notice = page.locator('[data-lab-notice="load"]');
  await expect(notice).toContainText('could not be read. It was kept');
  expect(await page.evaluate((k) => localStorage.getItem(k), `${KEY}:kept:damaged`)).toBe('{"v":1,"garbage":');
  // Dismissable by keyboard.
  await notice.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
});

test('a saved session of 2,000 commands is restored to the same screen, with the page answering during the replay', async ({ page }) => {
  const log = Array.from({ length: 2000 }, (_, i) => ({ d: `echo line-${i}\r`, w: true, t: 1000 * i }));
  await seedStorage(page, JSON.stringify({ v: 1, lab: 'speak-smtp', seed: 42, log, answers: {}, hints: {}, completed: [], startedAt: 0 }));
  await page.goto(LAB);
  // Mid-replay the page paints progress: the replay runs in slices, not one task.
  await expect(page.locator('[data-terminal-status]')).toContainText(/Restoring your work in this lab… \(\d+ of 2000 keys\)/, { timeout: 30_000 });
  const t = new TerminalPage(page);
  await t.restored();
  const screen = await t.screen();
  expect(screen).toMatch(/admin@ops:~\$ echo line-1998\nline-1998\nadmin@ops:~\$ echo line-1999\nline-1999\nadmin@ops:~\$ ?\n$/);
  expect(screen.split('\n').filter((l) => /^line-\d+$/.test(l))).toHaveLength(2000);
});
