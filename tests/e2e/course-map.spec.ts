/**
 * The home page as a course map (issue 12): each lab's status comes from the progress saved in
 * this browser; finishing a lab marks it done and Continue points to the next one; the audience
 * filter hides modules that are not for the chosen audience. A finished lab shows its change record.
 */
import { test, expect } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

const status = (page: import('@playwright/test').Page, lab: string) => page.locator(`[data-lab-id="${lab}"] [data-lab-status]`);

test('finish a lab, return home: it reads done and Continue points to the next lab', async ({ page }) => {
  await page.goto('/');
  await expect(status(page, 'speak-smtp')).toHaveText('not started');
  await expect(page.locator('[data-continue]')).toHaveAttribute('href', '/labs/speak-smtp/');

  const t = new TerminalPage(page);
  await t.open('/labs/speak-smtp/?seed=42');
  await t.run('telnet mail.corp.example 25');
  await page.goto('/');
  await expect(status(page, 'speak-smtp')).toHaveText('in progress');
  await expect(page.locator('[data-continue]')).toHaveText(/^Continue: /);

  await page.goto('/labs/speak-smtp/?seed=42');
  await t.restored();
  for (const line of ['EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: hi', '.', 'QUIT']) await t.run(line);
  const answer = page.locator('[data-step="read"]').getByRole('textbox');
  await answer.fill('<admin@corp.example>');
  await answer.press('Enter');
  await expect(page.locator('[data-lab-summary]')).toBeVisible();
  // The change record: this lab changes no configuration, and mail still flows both ways.
  const record = page.locator('[data-change-record]');
  await expect(record).toContainText('Relay battery from outside, after');
  await expect(record).toContainText('/etc/postfix/main.cf on mail');
  await expect(record.locator('dt', { hasText: 'Mail flow ✓' })).toHaveCount(2);

  await page.goto('/');
  await expect(status(page, 'speak-smtp')).toHaveText('done ✓');
  await expect(status(page, 'open-relay-test')).toHaveText('not started');
  await expect(page.locator('[data-continue]')).toHaveAttribute('href', '/labs/open-relay-test/');
  await expect(page.locator('[data-continue]')).toHaveText(/^Next: /);
});

test('the audience filter shows the modules for that audience, and the total time follows', async ({ page }) => {
  await page.goto('/');
  const modules = page.locator('[data-module]');
  const all = await modules.count();
  expect(all).toBeGreaterThan(1);
  const total = Number(await page.locator('[data-total-minutes]').textContent());
  await page.getByLabel('for administrators').check();
  const admin = await page.locator('[data-module][data-audience="admin"]').count();
  await expect(page.locator('[data-module]:visible')).toHaveCount(admin);
  const minutes = await page.locator('[data-module][data-audience="admin"]').evaluateAll((els) => els.reduce((n, e) => n + Number((e as HTMLElement).dataset.minutes), 0));
  await expect(page.locator('[data-total-minutes]')).toHaveText(String(minutes));
  await page.getByLabel('all', { exact: true }).check();
  await expect(page.locator('[data-module]:visible')).toHaveCount(all);
  await expect(page.locator('[data-total-minutes]')).toHaveText(String(total));
});
