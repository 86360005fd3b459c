/**
 * The shared table of sessions (tests/shared/grading-sessions.ts) through the
 * real lab page, with real reloads where the table says RELOAD: the page
 * marks exactly the steps the one grading rule passes on the final state —
 * what tests/unit/labs/grading-rule.test.ts gets headless, the way
 * `relaylab check` grades — and words a broken step as re-opened.
 */
import { test, expect } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';
import { GRADING_SESSIONS, RELOAD } from '../shared/grading-sessions.ts';

for (const s of GRADING_SESSIONS) {
  test(`same verdicts as relaylab check: ${s.name}`, async ({ page }) => {
    const t = new TerminalPage(page);
    await page.goto(`/labs/${s.lab}/?seed=${s.seed}`);
    await t.restored();
    for (const line of s.lines) {
      if (line === RELOAD) {
        await page.reload();
        await t.restored();
      } else await t.run(line);
    }
    expect(await t.marks()).toEqual(s.pass);
    const done = s.pass.filter(Boolean).length;
    await expect(page.locator('[data-lab-progress]')).toHaveText(`${done} of ${s.pass.length} done`);
    await expect(page.locator('[data-lab-summary]')).toBeVisible({ visible: s.pass.every(Boolean) });
    const reopened = await page.locator('[data-step]').evaluateAll((els) =>
      els.filter((e) => /^Re-opened/.test(e.querySelector('[data-step-status]')?.textContent ?? '')).map((e) => (e as HTMLElement).dataset.step),
    );
    expect(reopened).toEqual(s.reopened);
  });
}
