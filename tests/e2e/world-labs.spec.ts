/**
 * Lab 8 (the drill) in real Chromium: the world runs in the tab, the trainer's
 * solution for a fixed seed is typed into the terminal, every step is marked
 * done from the simulation, and the summary shows the score breakdown that
 * `relaylab check` prints (grader/score.ts).
 */
import { test, expect } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';
import { loadLab } from '../../cli/lab-files.ts';
import { solutionLines } from '../../simulator/labs/scenario.ts';

const SEED = 9;

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
});
