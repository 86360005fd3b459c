/**
 * Lab 8 (the drill) in real Chromium: the world runs in the tab, the trainer's
 * solution for a fixed seed is typed into the terminal, every step is marked
 * done from the simulation, and the summary shows the score breakdown that
 * `relaylab check` prints (grader/score.ts). Axe finds no serious or critical
 * violation on the pages of labs 6–8 and their lessons (the drill's with the score shown).
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { TerminalPage } from './terminal-page.ts';
import { loadLab } from '../../cli/lab-files.ts';
import { solutionLines } from '../../simulator/labs/scenario.ts';

const SEED = 9;

async function axeSerious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('incident drill: the solution typed in the terminal completes the lab and the page shows the score', async ({ page }) => {
  test.setTimeout(120_000);
  const lines = solutionLines(loadLab('incident-drill'), SEED);
  const t = new TerminalPage(page);
  await t.open(`/labs/incident-drill/?seed=${SEED}`);
  await expect(page.locator('[data-lab-seed]')).toHaveText(String(SEED));
  // The first line by keyboard, the rest through the same input path at prompt speed.
  await t.typeLine(lines[0]!);
  await t.waitFor(/admin@ops:~\$ \S*\s*$/);
  for (const line of lines.slice(1)) await t.run(line);
  await expect(page.locator('[data-lab-summary]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-step].done')).toHaveCount(6);
  const score = page.locator('[data-lab-score]');
  await expect(score).toContainText(/Steps done\s+600\s+6 of 6 × 100/);
  await expect(score).toContainText(/Legitimate mail lost\s+0\s+0 messages/);
  await expect(score).toContainText(/Score\s+\d+\s+of 600/);
  expect(await axeSerious(page)).toEqual([]);
});

for (const path of ['/lessons/the-side-door/', '/lessons/cleaning-up/', '/lessons/incident-response/', '/labs/shut-the-side-door/', '/labs/clean-up/', '/labs/incident-drill/']) {
  test(`axe: no serious or critical violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    if (path.startsWith('/labs/')) await expect(page.locator('[data-terminal-status]')).toContainText('ready');
    expect(await axeSerious(page)).toEqual([]);
  });
}
