/**
 * Outside an LMS: the module page plays the module with nothing to talk to (the bridge stays
 * inert, progress is saved in the browser), and once the module is complete the certificate page
 * shows name, module, date, score, seed and steps, and hands out the JSON completion record — for
 * a terminal lab and for a guided (staff) one.
 */
import { expect, test, type Frame } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadLab } from '../../cli/lab-files.ts';
import { solutionAnswers } from '../../simulator/labs/scenario.ts';
import { answerRight, runInFrame } from './scorm/frame-input.ts';

test('a module completed outside an LMS gives a printable certificate and a JSON completion record', async ({ page }) => {
  await page.goto('/modules/lab-speak-smtp/');
  expect(await page.evaluate(() => (window as unknown as { relayLabPlayer: { lms?: string } }).relayLabPlayer.lms)).toBeUndefined();
  await expect(page.locator('[data-module-lms]')).toHaveText('Progress is saved in this browser.');
  let frame: Frame | undefined;
  await expect.poll(() => (frame = page.frames().find((f) => f.url().includes('/labs/speak-smtp/'))) !== undefined).toBe(true);
  await frame!.waitForFunction(() => (globalThis as { relayLabRestoredAt?: number }).relayLabRestoredAt !== undefined);
  await expect(page.locator('[data-progress-done]')).toBeHidden();
  const seed = await frame!.evaluate(() => (window as unknown as { relayLabRunner: { seed: number } }).relayLabRunner.seed);
  for (const line of ['telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: Hello', '.', 'QUIT']) await runInFrame(frame!, line);
  await frame!.locator('[data-step="read"] [data-step-question] input').first().fill('admin@corp.example');
  await frame!.locator('[data-step="read"] [data-step-question]').evaluate((f: HTMLFormElement) => f.requestSubmit());
  await expect(page.locator('[data-module-summary]')).toContainText('complete');
  await expect(page.locator('[data-progress-done]')).toBeVisible();

  await page.goto('/certificate/?module=lab-speak-smtp');
  await page.getByLabel('Your name', { exact: true }).fill('Ada Lovelace');
  const cert = page.locator('[data-certificate]');
  await expect(cert).toContainText('Certificate of completion');
  await expect(cert).toContainText('Ada Lovelace');
  await expect(cert).toContainText('“Speak SMTP”');
  await expect(cert).toContainText(`on ${new Date().toISOString().slice(0, 10)} · score 100%`);
  await expect(cert).toContainText(`Lab: Speak SMTP (seed ${seed})`);
  await expect(cert).toContainText('✓ Send Bob a message by hand');
  await expect(cert).toContainText('✓ Read it in Bob\'s mailbox');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download completion record (JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('relaylab-lab-speak-smtp-completion.json');
  const record = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(record).toMatchObject({
    format: 'relaylab-completion/1',
    module: 'lab-speak-smtp',
    learner: 'Ada Lovelace',
    complete: true,
    score: 100,
    pages: [{ page: 'labs/speak-smtp', done: true, lab: { seed, steps: [{ id: 'send', passed: true }, { id: 'read', passed: true }] } }],
  });
  expect(Date.parse(record.completedAt)).toBeGreaterThan(Date.now() - 10 * 60_000);
});

test('a guided lab (staff) done in its module outside an LMS: the certificate has its seed and questions', async ({ page }) => {
  const lab = loadLab('staff-report-it');
  await page.goto(`/modules/lab-${lab.id}/`);
  let frame: Frame | undefined;
  await expect.poll(() => (frame = page.frames().find((f) => f.url().includes(`/labs/${lab.id}/`))) !== undefined).toBe(true);
  await expect(frame!.locator('[data-guided-status]')).toBeEmpty({ timeout: 30_000 });
  const seed = await frame!.evaluate((id) => (JSON.parse(localStorage.getItem(`relaylab:lab:${id}`)!) as { seed: number }).seed, lab.id);
  const key = solutionAnswers(lab, seed);
  for (const s of lab.steps) await answerRight(frame!, s.id, key[s.id]!);
  await expect(page.locator('[data-module-summary]')).toHaveText('100% done · score 100% · complete');
  await page.goto(`/certificate/?module=lab-${lab.id}`);
  const cert = page.locator('[data-certificate]');
  await expect(cert).toContainText('Certificate of completion');
  await expect(cert).toContainText(`on ${new Date().toISOString().slice(0, 10)} · score 100%`);
  await expect(cert).toContainText(`Lab: ${lab.title} (seed ${seed})`);
  for (const s of lab.steps) await expect(cert).toContainText(`✓ ${s.title}`);
});

test('a module not finished says so on the certificate page', async ({ page }) => {
  await page.goto('/certificate/?module=admin-track');
  await expect(page.locator('[data-certificate]')).toContainText('Not complete yet');
  await expect(page.locator('[data-certificate]')).toContainText('score 0%');
});

for (const path of ['/modules/admin-track/', '/certificate/?module=admin-track']) {
  test(`axe: no serious or critical violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}
