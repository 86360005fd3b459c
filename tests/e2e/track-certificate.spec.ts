/**
 * Outside an LMS, the staff track walked on the site's own pages (no module player): the track
 * page names the lessons and exercises that remain, and the sentence shrinks as each lesson is
 * read and each exercise finished on its own page; once all are done it links the certificate
 * (name, module, date, steps) and hands out the JSON completion record. The home page lists the
 * three tracks with their status and, once complete, the certificate.
 */
import { expect, test, type Page } from '@playwright/test';
import { loadLab } from '../../cli/lab-files.ts';
import { solutionAnswers } from '../../simulator/labs/scenario.ts';

const TRACK = 'Spam in your name — a module for all staff';
const WALK = [
  { lesson: 'Spam in your name', after: '2 lessons and 3 exercises remain: “A message that came back”, “When your PC works for someone else”, “Is my PC a zombie?”, “What to do when you see the signs”, and “Whom to tell, and what not to do”.' },
  { lab: 'staff-bounce', title: 'A message that came back', after: '2 lessons and 2 exercises remain: “When your PC works for someone else”, “Is my PC a zombie?”, “What to do when you see the signs”, and “Whom to tell, and what not to do”.' },
  { lesson: 'When your PC works for someone else', after: '1 lesson and 2 exercises remain: “Is my PC a zombie?”, “What to do when you see the signs”, and “Whom to tell, and what not to do”.' },
  { lab: 'staff-your-desk', title: 'Is my PC a zombie?', after: '1 lesson and 1 exercise remain: “What to do when you see the signs” and “Whom to tell, and what not to do”.' },
  { lesson: 'What to do when you see the signs', after: '1 exercise remains: “Whom to tell, and what not to do”.' },
  { lab: 'staff-report-it', title: 'Whom to tell, and what not to do', after: `All done: every lesson and exercise of “${TRACK}” is complete.` },
] as const;

/** Every question of a guided lab answered right on its own page, as a learner clicks. */
async function finishExercise(page: Page, labId: string): Promise<number> {
  const lab = loadLab(labId);
  await expect(page.locator('[data-guided-status]')).toBeEmpty({ timeout: 30_000 });
  const seed = await page.evaluate((id) => (JSON.parse(localStorage.getItem(`relaylab:lab:${id}`)!) as { seed: number }).seed, lab.id);
  const key = solutionAnswers(lab, seed);
  for (const s of lab.steps) {
    const form = page.locator(`[data-step-question="${s.id}"]`);
    await form.locator(`input[type=radio][value="${key[s.id]!.replace(/"/g, '\\"')}"]`).check();
    await form.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.locator(`[data-step="${s.id}"] [data-step-status]`)).toHaveText(/^Right/);
  }
  await expect(page.locator('[data-guided-score]')).toHaveText(`Score: ${lab.steps.length} of ${lab.steps.length}.`);
  return seed;
}

const homeTrack = (page: Page, id: string) => page.locator(`[data-track="${id}"]`);

test('the staff track outside an LMS: what remains shrinks to nothing, then the certificate and the JSON record', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  for (const id of ['staff-track', 'admin-track', 'spambot-track']) await expect(homeTrack(page, id).locator('[data-progress-status]')).toHaveText('not started');
  await expect(homeTrack(page, 'staff-track').getByRole('link', { name: 'certificate' })).toBeHidden();

  await page.goto('/tracks/staff/');
  const remaining = page.locator('[data-progress-remaining]');
  await expect(remaining).toHaveText('3 lessons and 3 exercises remain: “Spam in your name”, “A message that came back”, “When your PC works for someone else”, “Is my PC a zombie?”, “What to do when you see the signs”, and “Whom to tell, and what not to do”.');
  await expect(page.locator('[data-progress-done]')).toBeHidden();
  await expect(page.locator('[data-progress-page]')).toHaveText(['', '', '']);

  const seeds: Record<string, number> = {};
  for (const step of WALK) {
    await page.getByRole('link', { name: 'lesson' in step ? step.lesson : step.title, exact: true }).click();
    if ('lesson' in step) {
      await expect(page.locator('h1')).toHaveText(step.lesson);
      // The page's script has saved the visit (it runs after the heading shows) before the learner goes back.
      const path = new URL(page.url()).pathname.replace(/^\/|\/$/g, '');
      await expect.poll(() => page.evaluate((p) => (JSON.parse(localStorage.getItem('relaylab:module:staff-track') ?? '{}') as { pages?: Record<string, { done?: boolean }> }).pages?.[p]?.done, path)).toBe(true);
    }
    else seeds[step.lab] = await finishExercise(page, step.lab);
    // Back to the track page the way a learner goes back.
    await page.goBack();
    await expect(page.locator('h1')).toHaveText(TRACK);
    await expect(remaining).toHaveText(step.after);
    if ('lesson' in step) await expect(page.locator('.track-item').filter({ has: page.getByRole('link', { name: step.lesson, exact: true }) }).locator('[data-progress-page]')).toHaveText(' — read');
    if (step === WALK[0]) {
      await page.goto('/');
      await expect(homeTrack(page, 'staff-track').locator('[data-progress-status]')).toHaveText('1 of 6 done');
      await page.goBack();
    }
  }

  const done = page.locator('[data-progress-done]');
  await expect(done).toBeVisible();
  const certificate = done.getByRole('link', { name: 'Open your certificate' });
  await expect(certificate).toHaveAttribute('href', '/certificate/?module=staff-track');
  await certificate.click();
  await page.getByLabel('Your name', { exact: true }).fill('Grace Hopper');
  const cert = page.locator('[data-certificate]');
  await expect(cert).toContainText('Certificate of completion');
  await expect(cert.locator('.learner')).toHaveText('Grace Hopper');
  await expect(cert).toContainText(`has completed the module “${TRACK}”`);
  await expect(cert).toContainText(`on ${new Date().toISOString().slice(0, 10)} · score 100%`);
  for (const title of ['Spam in your name', 'When your PC works for someone else', 'What to do when you see the signs']) await expect(cert.getByText(`✓ ${title}`, { exact: true })).toBeVisible();
  for (const id of ['staff-bounce', 'staff-your-desk', 'staff-report-it']) {
    const lab = loadLab(id);
    await expect(cert).toContainText(`✓ Lab: ${lab.title} (seed ${seeds[id]})`);
    for (const s of lab.steps) await expect(cert).toContainText(`✓ ${s.title}`);
  }
  await expect(cert).not.toContainText('○');

  // The record from the track page, with the name typed on the certificate page.
  await page.goBack();
  await expect(page.locator('h1')).toHaveText(TRACK);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your completion record (JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('relaylab-staff-track-completion.json');
  const record = JSON.parse(Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8'));
  expect(record).toMatchObject({ format: 'relaylab-completion/1', module: 'staff-track', title: TRACK, learner: 'Grace Hopper', complete: true, score: 100 });
  expect(record.pages.map((p: { page: string; done: boolean }) => [p.page, p.done])).toEqual([
    ['lessons/staff-spam-in-your-name', true],
    ['labs/staff-bounce', true],
    ['lessons/staff-zombie-desk', true],
    ['labs/staff-your-desk', true],
    ['lessons/staff-what-to-do', true],
    ['labs/staff-report-it', true],
  ]);
  for (const p of record.pages.filter((x: { lab?: unknown }) => x.lab)) {
    const lab = loadLab(p.page.slice('labs/'.length));
    expect(p.lab.seed).toBe(seeds[lab.id]);
    expect(p.lab.steps).toEqual(lab.steps.map((s) => ({ id: s.id, title: s.title, passed: true })));
  }
  expect(Date.parse(record.completedAt)).toBeGreaterThan(Date.now() - 60 * 60_000);

  await page.goto('/');
  await expect(homeTrack(page, 'staff-track').locator('[data-progress-status]')).toHaveText('complete ✓');
  await expect(homeTrack(page, 'staff-track').getByRole('link', { name: 'certificate' })).toHaveAttribute('href', '/certificate/?module=staff-track');
  await expect(homeTrack(page, 'admin-track').locator('[data-progress-status]')).toHaveText('not started');
});

test('the admin tracks, outside an LMS, say what remains in the module player', async ({ page }) => {
  await page.goto('/modules/spambot-track/');
  // The player shows the first lesson: it counts at once.
  await expect(page.locator('[data-progress-remaining]')).toHaveText('1 lesson and 2 labs remain: “Shut the side door”, “Cleaning up and getting your name back”, and “Clean up and restore the reputation”.');
});
