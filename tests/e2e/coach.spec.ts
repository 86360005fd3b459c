/**
 * The coach on the lab page (simulator/coach): a mistake is named beside the
 * terminal as soon as the command that made it returns, the terminal keeps
 * printing what bash prints, and a reload does not name it again. Check says
 * it is working while its probes run.
 */
import { test, expect } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

test('an SMTP verb typed at the shell prompt is explained at once, beside the terminal, and not again after a reload', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/speak-smtp/?seed=42');
  await t.typeLine('EHLO me');
  await t.waitFor('EHLO: command not found');
  const notice = page.locator('[data-lab-notice="coach-smtp-verb-at-prompt"]');
  await expect(notice).toContainText(/telnet/i);
  await expect(notice).toHaveAttribute('role', 'status');
  // The terminal shows only what bash printed: the coach's words are not in it.
  expect(await t.text()).not.toContain("not a shell command");
  await page.reload();
  await t.restored();
  expect(await t.text()).toContain('EHLO: command not found');
  await expect(page.locator('[data-lab-notice="coach-smtp-verb-at-prompt"]')).toHaveCount(0);
});

test('Check says it is working while the probes run, then gives the button back', async ({ page }) => {
  const t = new TerminalPage(page);
  await t.open('/labs/close-the-relay/?seed=7');
  const check = page.locator('[data-lab-check]');
  const label = await check.textContent();
  await page.evaluate(() => {
    const b = document.querySelector('[data-lab-check]')!;
    const seen: string[] = [];
    (window as unknown as { busySeen: string[] }).busySeen = seen;
    new MutationObserver(() => seen.push(`${b.getAttribute('aria-busy')}|${b.textContent}`)).observe(b, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  await check.click();
  await expect(page.locator('[data-step="close"] [data-step-status]')).not.toBeEmpty();
  await expect(check).not.toHaveAttribute('aria-busy', 'true');
  await expect(check).toHaveText(label!);
  const seen = await page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen);
  expect(seen).toContain('true|Checking…');
});
