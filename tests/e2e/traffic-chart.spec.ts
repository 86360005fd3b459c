/**
 * The traffic chart in real Chromium (issue 12): in a lab with a living world, opening the Traffic
 * tab loads uPlot and draws the chart; its table alternative carries the numbers `mailstats`
 * prints in the terminal, row for row; the spoken summary is in a polite live region; and no
 * chart code is fetched before the tab is opened.
 */
import { test, expect } from '@playwright/test';
import { TerminalPage } from './terminal-page.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('the Traffic tab draws the chart, and its table has the numbers mailstats prints', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
  const t = new TerminalPage(page);
  await t.open('/labs/clean-up/?seed=7');
  await t.restored();
  await t.run('advance 8h');
  const before = scripts.length;
  expect(scripts.some((u) => /traffic-chart/.test(u))).toBe(false);

  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(page.locator('[data-traffic] .traffic-plot canvas')).toBeVisible();
  expect(scripts.slice(before).some((u) => /traffic-chart/.test(u))).toBe(true);
  await expect(page.locator('[data-traffic-summary]')).toHaveAttribute('aria-live', 'polite');
  await expect(page.locator('[data-traffic-summary]')).toContainText(/^Hour \d\d-\d\d \d\d:00: \d+ received, \d+ rejected, queue /);

  await t.run('mailstats');
  const text = await t.text();
  const lines = text.split('\n');
  const from = lines.lastIndexOf('Per-Hour Traffic Summary') + 3;
  const printed: string[][] = [];
  for (let i = from; lines[i]?.trim(); i++) printed.push(lines[i]!.trim().split(/\s+/));
  expect(printed.length).toBeGreaterThan(8);

  // The chart redraws every few seconds; the world clock moves only a second per second, so the
  // full hours stay put. Compare those (every row but the current hour's).
  await page.locator('.traffic-data summary').click();
  const table = await page.locator('.traffic-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].slice(0, 9).map((c) => c.textContent!.trim())),
  );
  const asPrinted = table.map(([hour, ...rest]) => [...hour!.split(' '), ...rest]);
  expect(asPrinted.slice(0, -1)).toEqual(printed.slice(0, -1));
  expect(printed.slice(0, -1).some((r) => Number(r[2]) > 0)).toBe(true);
});
