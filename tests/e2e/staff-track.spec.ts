/**
 * The staff track in real Chromium, with the keyboard only: from the track
 * page through each lesson to its exercise, every question answered with
 * Tab, Space, the arrow keys and Enter — one wrong answer first, to see its
 * explanation — until the module page says all three exercises are done.
 * The answer key comes from the simulator for the seed the page chose, so
 * the browser and `relaylab check` grade the same network. Axe finds no
 * serious or critical violation on any page the staff track and the general
 * lessons added.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadLab } from '../../cli/lab-files.ts';
import { solutionAnswers } from '../../simulator/labs/scenario.ts';
import type { Lab } from '../../simulator/labs/schema.ts';

const active = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return { tag: a?.tagName ?? '', name: (a as HTMLInputElement | null)?.name ?? '', text: a?.textContent?.trim() ?? '', type: (a as HTMLInputElement | null)?.type ?? '', value: (a as HTMLInputElement | null)?.value ?? '' };
  });

/** Press Tab until the focused element matches (a keyboard user's way to reach it). */
async function tabTo(page: Page, what: string, match: (a: Awaited<ReturnType<typeof active>>) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (match(await active(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const ready = (page: Page) => expect(page.locator('[data-guided-status]')).toBeEmpty({ timeout: 20_000 });

/** The choices of a step as the page lists them (exhibit-made ones included), in order. */
const choices = (page: Page, stepId: string) => page.locator(`input[name="answer-${stepId}"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

/** Choose a choice by keys: Tab into the group, Space checks the first, arrows move; then Tab to Check answer and Enter. */
async function answer(page: Page, stepId: string, choice: string): Promise<void> {
  const all = await choices(page, stepId);
  const index = all.indexOf(choice);
  expect(index, `${stepId}: "${choice}" among ${all.join(' | ')}`).toBeGreaterThanOrEqual(0);
  await tabTo(page, `the choices of ${stepId}`, (a) => a.name === `answer-${stepId}`);
  // Focus lands on the checked radio, or the first when none is checked.
  const at = all.indexOf((await active(page)).value);
  await page.keyboard.press('Space');
  for (let i = at; i < index; i++) await page.keyboard.press('ArrowDown');
  for (let i = at; i > index; i--) await page.keyboard.press('ArrowUp');
  await expect(page.locator(`input[name="answer-${stepId}"][value="${choice.replace(/"/g, '\\"')}"]`)).toBeChecked();
  await tabTo(page, 'Check answer', (a) => a.text === 'Check answer');
  await page.keyboard.press('Enter');
}

async function doExercise(page: Page, lab: Lab, wrongFirst: boolean): Promise<void> {
  await ready(page);
  const seed = await page.evaluate((id) => JSON.parse(localStorage.getItem(`relaylab:lab:${id}`) ?? '{}').seed as number, lab.id);
  expect(Number.isInteger(seed)).toBe(true);
  const key = solutionAnswers(lab, seed);
  for (const [i, step] of lab.steps.entries()) {
    const status = page.locator(`[data-step="${step.id}"] [data-step-status]`);
    if (wrongFirst && i === 0) {
      const check = step.checks.find((c) => c.kind === 'choice') as { correct: string; why: Record<string, string> } | undefined;
      const wrong = (await choices(page, step.id)).find((c) => c !== key[step.id])!;
      await answer(page, step.id, wrong);
      await expect(status).toContainText('Not quite');
      if (check) await expect(status).toHaveText(`Not quite. ${check.why[wrong]}`);
      // Back to the group: Shift-Tab from the button.
      await page.keyboard.press('Shift+Tab');
    }
    await answer(page, step.id, key[step.id]!);
    await expect(status).toHaveText(/^Right/);
    await expect(page.locator(`[data-step="${step.id}"]`)).toHaveClass(/done/);
  }
  const summary = page.locator('[data-guided-summary]');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.locator('[data-guided-score]')).toHaveText(`Score: ${lab.steps.length} of ${lab.steps.length}.`);
}

test('the staff track, from the module page to the end, with the keyboard only', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/tracks/staff/');
  const order = [
    ['Spam in your name', 'staff-bounce', 'A message that came back'],
    ['When your PC works for someone else', 'staff-your-desk', 'Is my PC a zombie?'],
    ['What to do when you see the signs', 'staff-report-it', 'Whom to tell, and what not to do'],
  ] as const;
  for (const [i, [lesson, labId, labTitle]] of order.entries()) {
    if (i === 0) {
      await tabTo(page, `the lesson "${lesson}"`, (a) => a.tag === 'A' && a.text === lesson);
      await page.keyboard.press('Enter');
    }
    await expect(page.locator('h1')).toHaveText(lesson);
    await tabTo(page, `the link to ${labTitle}`, (a) => a.tag === 'A' && a.text === labTitle);
    await page.keyboard.press('Enter');
    await expect(page.locator('h1')).toHaveText(`Exercise: ${labTitle}`);
    await doExercise(page, loadLab(labId), i === 0);
    if (i + 1 < order.length) {
      // On to the next exercise, and from it back to the lesson it asks you to read first.
      await tabTo(page, 'Next exercise', (a) => a.tag === 'A' && a.text === 'Next exercise');
      await page.keyboard.press('Enter');
      await expect(page.locator('h1')).toHaveText(`Exercise: ${order[i + 1]![2]}`);
      await tabTo(page, 'the lesson link', (a) => a.tag === 'A' && a.text === 'the lesson');
      await page.keyboard.press('Enter');
    } else {
      await tabTo(page, 'Back to the module', (a) => a.tag === 'A' && a.text === 'Back to the module');
      await page.keyboard.press('Enter');
    }
  }
  await expect(page.locator('h1')).toHaveText('Spam in your name — a module for all staff');
  await expect(page.locator('[data-track-item] [data-track-done]')).toHaveText([' — done', ' — done', ' — done']);
  await expect(page.locator('[data-track-score]')).toHaveText(/3 of 3 exercises done, 14 of 14 questions answered correctly/);
});

test('saved answers come back after a reload, with their verdicts', async ({ page }) => {
  const lab = loadLab('staff-report-it');
  await page.goto(`/labs/${lab.id}/?seed=5`);
  await ready(page);
  const key = solutionAnswers(lab, 5);
  await answer(page, 'whom', key['whom']!);
  await expect(page.locator('[data-guided-progress]')).toHaveText(`1 of ${lab.steps.length} answered correctly`);
  await page.reload();
  await ready(page);
  await expect(page.locator(`input[name="answer-whom"][value="${key['whom']}"]`)).toBeChecked();
  await expect(page.locator('[data-step="whom"] [data-step-status]')).toHaveText(/^Right/);
  await expect(page.locator('[data-guided-progress]')).toHaveText(`1 of ${lab.steps.length} answered correctly`);
});

const PAGES = [
  '/',
  '/tracks/staff/',
  '/lessons/staff-spam-in-your-name/',
  '/lessons/staff-zombie-desk/',
  '/lessons/staff-what-to-do/',
  '/lessons/spam-both-ways/',
  '/lessons/zombies/',
  '/lessons/finding-out/',
  '/lessons/mail-server-care/',
  '/lessons/protecting-workstations/',
  '/labs/staff-bounce/?seed=3',
  '/labs/staff-your-desk/?seed=3',
  '/labs/staff-report-it/?seed=3',
];

for (const path of PAGES) {
  for (const width of [1366, 390]) {
    test(`axe: no serious or critical violations on ${path} at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: width > 1000 ? 768 : 844 });
      await page.goto(path);
      if (path.startsWith('/labs/')) {
        await ready(page);
        // With a verdict and a hint open, as a learner sees it mid-exercise.
        const first = page.locator('form[data-step-question]').first();
        await first.locator('input[type=radio]').first().check();
        await first.locator('button[type=submit]').click();
        await expect(page.locator('[data-step-status]').first()).not.toBeEmpty();
        const hint = page.locator('details.hints').first();
        if (await hint.count()) await hint.locator('summary').click();
      }
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // Nothing sticks out sideways: the page never scrolls horizontally.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });
  }
}
