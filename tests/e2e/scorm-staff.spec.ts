/**
 * The staff track's SCORM package (content/tracks.json) in real Chromium under scorm-again
 * (tests/e2e/scorm/harness.html), launched from its unzipped files and taken as a learner takes
 * it: the lesson's link to the first exercise, each question answered by clicking a choice and
 * pressing Check answer (one wrong answer first), the exercises' own Next exercise and lesson
 * links. The learner leaves twice mid-exercise; each relaunch with what the LMS kept opens the
 * exercise where they were, with their answers and verdicts. At the end the LMS has
 * completed/passed, a score of 100 and a session time; SCORM 1.2's suspend data stayed within
 * 4,096 characters (the harness checks); no request left the package's files.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadLab } from '../../cli/lab-files.ts';
import { solutionAnswers } from '../../simulator/labs/scenario.ts';
import { EDITIONS } from '../../scorm/manifest.ts';
import { answer, answerRight } from './scorm/frame-input.ts';
import { closeCourse, expectFinished2004, launch, lms, pageFrame, playerFrame, resumeWith, type Lms } from './scorm/lms-harness.ts';

const MODULE = 'staff-track';
const bounce = loadLab('staff-bounce');
const desk = loadLab('staff-your-desk');
const report = loadLab('staff-report-it');
const TOTAL = bounce.steps.length + desk.steps.length + report.steps.length;

/** The seed the exercise chose, from the attempt it saved (into the player, in an LMS). */
const seedOf = (page: Page, labId: string) =>
  playerFrame(page, MODULE).evaluate((id) => (JSON.parse((window as unknown as { relayLabPlayer: { state: { labs: Record<string, string> } } }).relayLabPlayer.state.labs[id]!) as { seed: number }).seed, labId);

async function openExercise(page: Page, labId: string): Promise<Frame> {
  const frame = await pageFrame(page, `labs/${labId}`);
  await expect(frame.locator('[data-guided-status]')).toBeEmpty({ timeout: 30_000 });
  await expect(playerFrame(page, MODULE).locator(`[data-module-page="labs/${labId}"]`)).toHaveAttribute('aria-current', 'page');
  return frame;
}

/** Follow a link in the page shown (the player notices the frame's new page). */
const follow = (frame: Frame, name: string) => frame.getByRole('link', { name, exact: true }).click();

const status = (v12: boolean) => (v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status');
const score = (v12: boolean) => (v12 ? 'cmi.core.score.raw' : 'cmi.score.raw');

/** Leave the course; what the LMS holds then, with nothing refused along the way. */
async function leave(page: Page, net: { outside: string[]; missing: string[] }): Promise<Lms> {
  await closeCourse(page);
  await expect.poll(async () => (await lms(page)).terminated).toBe(true);
  const kept = await lms(page);
  expect(kept.errors).toEqual([]);
  expect(kept.over1p2Limit).toEqual([]);
  expect(net.outside).toEqual([]);
  expect(net.missing).toEqual([]);
  return kept;
}

for (const edition of EDITIONS) {
  test(`SCORM ${edition}: the staff track is taken to the end in the LMS, left and resumed mid-exercise twice, and stays inside its package`, async ({ page }) => {
    test.setTimeout(180_000);
    const v12 = edition === '1.2';

    // First sitting: the opening lesson, the first exercise (one wrong answer first), two questions of the second.
    const net1 = await launch(page, MODULE, edition);
    const lesson = await pageFrame(page, 'lessons/staff-spam-in-your-name');
    await expect(lesson.locator('h1')).toHaveText('Spam in your name');
    expect((await lms(page)).initialized).toBe(true);
    // The site's header keeps its name but not links to pages the package lacks (they would do nothing).
    await expect(lesson.locator('header .brand')).toHaveText('Relay Lab');
    await expect(lesson.locator('header nav a', { hasText: 'Course' })).toBeHidden();
    await follow(lesson, bounce.title);
    let frame = await openExercise(page, bounce.id);
    let key = solutionAnswers(bounce, await seedOf(page, bounce.id));
    const first = bounce.steps[0]!.id;
    const wrong = (await frame.locator(`input[name="answer-${first}"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).find((c) => c !== key[first])!;
    await answer(frame, first, wrong);
    await expect(frame.locator(`[data-step="${first}"] [data-step-status]`)).toContainText('Not quite');
    for (const s of bounce.steps) await answerRight(frame, s.id, key[s.id]!);
    await expect(frame.locator('[data-guided-score]')).toHaveText(`Score: ${bounce.steps.length} of ${bounce.steps.length}.`);
    await follow(frame, 'Next exercise');
    frame = await openExercise(page, desk.id);
    const deskSeed = await seedOf(page, desk.id);
    key = solutionAnswers(desk, deskSeed);
    for (const s of desk.steps.slice(0, 2)) await answerRight(frame, s.id, key[s.id]!);
    // The score counts every question of the module, those of exercises not opened yet included.
    await expect.poll(async () => (await lms(page)).committed[score(v12)]).toBe(String(Math.round((100 * (bounce.steps.length + 2)) / TOTAL)));
    const s1 = await leave(page, net1);
    expect(s1.committed[status(v12)]).toBe('incomplete');
    expect(s1.committed[v12 ? 'cmi.core.exit' : 'cmi.exit']).toBe('suspend');
    expect(s1.committed[v12 ? 'cmi.core.lesson_location' : 'cmi.location']).toBe(`labs/${desk.id}`);

    // Second sitting: back in the second exercise with both answers, one more question, leave again.
    const page2 = await page.context().newPage();
    const net2 = await launch(page2, MODULE, edition, resumeWith(edition, s1.committed));
    frame = await openExercise(page2, desk.id);
    expect(await seedOf(page2, desk.id)).toBe(deskSeed);
    const player = playerFrame(page2, MODULE);
    await expect(player.locator(`[data-module-page="labs/${bounce.id}"] ~ [data-module-mark]`)).toHaveText('✓ done');
    await expect(player.locator(`[data-module-page="labs/${desk.id}"] ~ [data-module-mark]`)).toHaveText(`2 of ${desk.steps.length} steps`);
    for (const s of desk.steps.slice(0, 2)) {
      await expect(frame.locator(`[data-step="${s.id}"] [data-step-status]`)).toHaveText(/^Right/);
      await expect(frame.locator(`input[name="answer-${s.id}"][value="${key[s.id]!.replace(/"/g, '\\"')}"]`)).toBeChecked();
    }
    await answerRight(frame, desk.steps[2]!.id, key[desk.steps[2]!.id]!);
    await expect(frame.locator('[data-guided-progress]')).toHaveText(`3 of ${desk.steps.length} answered correctly`);
    const s2 = await leave(page2, net2);
    expect(s2.committed[status(v12)]).toBe('incomplete');

    // Third sitting: the answers of the second one are there too; the rest of the module, through the exercises' own links.
    const page3 = await page.context().newPage();
    const net3 = await launch(page3, MODULE, edition, resumeWith(edition, s2.committed));
    frame = await openExercise(page3, desk.id);
    await expect(frame.locator('[data-guided-progress]')).toHaveText(`3 of ${desk.steps.length} answered correctly`);
    for (const s of desk.steps.slice(3)) await answerRight(frame, s.id, key[s.id]!);
    await expect(frame.locator('[data-guided-summary]')).toBeVisible();
    await follow(frame, 'the lesson'); // read first: the lesson skipped by "Next exercise"
    const zombie = await pageFrame(page3, 'lessons/staff-zombie-desk');
    await expect(zombie.locator('h1')).toHaveText('When your PC works for someone else');
    await follow(zombie, desk.title);
    frame = await openExercise(page3, desk.id);
    await expect(frame.locator('[data-guided-progress]')).toHaveText(`${desk.steps.length} of ${desk.steps.length} answered correctly`);
    await follow(frame, 'Next exercise');
    frame = await openExercise(page3, report.id);
    await follow(frame, 'the lesson');
    const todo = await pageFrame(page3, 'lessons/staff-what-to-do');
    await expect(todo.locator('h1')).toHaveText('What to do when you see the signs');
    await follow(todo, report.title);
    frame = await openExercise(page3, report.id);
    key = solutionAnswers(report, await seedOf(page3, report.id));
    for (const s of report.steps) await answerRight(frame, s.id, key[s.id]!);
    await expect(frame.locator('[data-guided-score]')).toHaveText(`Score: ${report.steps.length} of ${report.steps.length}.`);
    // The player's list is the way around here: the exercise offers no way "back" to a page outside the package.
    await expect(frame.getByText('Back to the module')).toBeHidden();
    await expect.poll(async () => (await lms(page3)).committed[status(v12)]).toBe(v12 ? 'passed' : 'completed');
    await expect(playerFrame(page3, MODULE).locator('[data-module-summary]')).toHaveText('100% done · score 100% · complete');
    const done = await leave(page3, net3);
    expect(done.committed[score(v12)]).toBe('100');
    if (v12) {
      expect(done.committed['cmi.core.session_time']).toMatch(/^\d{4}:\d\d:\d\d\.\d\d$/);
      expect(done.committed['cmi.core.exit']).toBe('');
      expect(Math.max(s1.maxSuspend, s2.maxSuspend, done.maxSuspend)).toBeLessThanOrEqual(4096);
    } else {
      expectFinished2004(done.committed);
    }
  });
}

test('axe: no serious or critical violations in the staff package as the LMS shows it (a lesson, an exercise with a verdict)', async ({ page }) => {
  const check = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  const net = await launch(page, MODULE, '2004-4th');
  const lesson = await pageFrame(page, 'lessons/staff-spam-in-your-name');
  await expect(lesson.locator('h1')).toBeVisible();
  expect(await check()).toEqual([]);
  await follow(lesson, bounce.title);
  const frame = await openExercise(page, bounce.id);
  await answer(frame, bounce.steps[0]!.id, (await frame.locator(`input[name="answer-${bounce.steps[0]!.id}"]`).first().getAttribute('value'))!);
  await expect(frame.locator(`[data-step="${bounce.steps[0]!.id}"] [data-step-status]`)).not.toBeEmpty();
  expect(await check()).toEqual([]);
  expect(net.outside).toEqual([]);
});
