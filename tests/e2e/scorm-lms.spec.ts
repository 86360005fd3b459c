/**
 * SCORM packages in a real Chromium under an LMS runtime (scorm-again 3.x, tests/e2e/scorm/
 * harness.html): each edition's package of a lab, launched from its unzipped files, is completed;
 * the LMS sees completed/passed, a score and a session time; a relaunch with the saved suspend
 * data resumes mid-lab; every request the browser makes is one of the package's own files. The
 * two admin tracks are walked page by page under the same isolation (tests/e2e/scorm-staff.spec.ts
 * takes the staff track to the end), and each lab no track holds is started in its own package.
 * Every generated manifest of the real build is validated against its edition's schemas and checked.
 */
import { expect, test, type Frame } from '@playwright/test';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { buildPackages } from '../../scorm/package.ts';
import { EDITIONS } from '../../scorm/manifest.ts';
import { checkPackage } from '../../scorm/check.ts';
import { validateManifest } from '../../scorm/validate.ts';
import { encodeState } from '../../site/lms/suspend-data.ts';
import { answerStep, runInFrame } from './scorm/frame-input.ts';
import { loadLab } from '../../cli/lab-files.ts';
import { solutionAnswers, stepLines } from '../../simulator/labs/scenario.ts';
import { DIST, closeCourse, expectFinished2004, launch, lms, modules, pageFrame, playerFrame, resumeWith } from './scorm/lms-harness.ts';

async function labReady(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => (globalThis as { relayLabRestoredAt?: number }).relayLabRestoredAt !== undefined && 'relayLab' in globalThis, null, { timeout: 30_000 });
  await frame.evaluate(() => (window as unknown as { relayLabRunner: { settled(): Promise<void> } }).relayLabRunner.settled());
}

const SEND = ['telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: Hello from the ops desk', '.', 'QUIT'];

for (const edition of EDITIONS) {
  test(`SCORM ${edition}: a lab's package is completed, resumed from suspend data, and stays inside itself`, async ({ page }) => {
    const v12 = edition === '1.2';
    const first = await launch(page, 'lab-speak-smtp', edition);
    let frame = await pageFrame(page, 'labs/speak-smtp');
    await labReady(frame);
    expect((await lms(page)).initialized).toBe(true);
    for (const line of SEND) await runInFrame(frame, line);
    await expect(frame.locator('[data-step="send"]')).toHaveClass(/done/);
    // The step's pass was committed at once, with the attempt in the suspend data.
    await expect.poll(async () => (await lms(page)).committed['cmi.suspend_data'] ?? '').toMatch(/^RL1:/);
    await closeCourse(page);
    await expect.poll(async () => (await lms(page)).terminated).toBe(true);
    const left = await lms(page);
    expect(left.errors).toEqual([]);
    expect(left.committed[v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status']).toBe('incomplete');
    expect(left.committed[v12 ? 'cmi.core.exit' : 'cmi.exit']).toBe('suspend');
    expect(left.committed[v12 ? 'cmi.core.score.raw' : 'cmi.score.raw']).toBe('50');
    expect(first.outside).toEqual([]);
    expect(first.missing).toEqual([]);

    // Relaunch with what the LMS kept: the lab replays the saved keys and resumes mid-lab.
    const again = await page.context().newPage();
    const second = await launch(again, 'lab-speak-smtp', edition, resumeWith(edition, left.committed));
    frame = await pageFrame(again, 'labs/speak-smtp');
    await labReady(frame);
    await expect(frame.locator('[data-step="send"]')).toHaveClass(/done/);
    const screen = await frame.evaluate(() => {
      const buf = (window as unknown as { relayLab: { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(t: boolean): string } | undefined } } } } }).relayLab.term.buffer.active;
      return Array.from({ length: buf.length }, (_, i) => buf.getLine(i)?.translateToString(true) ?? '').join('\n');
    });
    expect(screen).toContain('250 2.0.0 Ok: queued as');
    for (const line of ['ssh mail', 'cat /var/mail/bob', 'exit']) await runInFrame(frame, line);
    await frame.locator('[data-step="read"] [data-step-question] input').first().fill('admin@corp.example');
    await frame.locator('[data-step="read"] [data-step-question]').evaluate((f: HTMLFormElement) => f.requestSubmit());
    await expect(frame.locator('[data-step="read"]')).toHaveClass(/done/);
    await expect.poll(async () => (await lms(again)).committed[v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status']).toBe(v12 ? 'passed' : 'completed');
    await closeCourse(again);
    await expect.poll(async () => (await lms(again)).terminated).toBe(true);
    const done = await lms(again);
    expect(done.errors).toEqual([]);
    if (v12) {
      expect(done.committed['cmi.core.score.raw']).toBe('100');
      expect(done.committed['cmi.core.session_time']).toMatch(/^\d{4}:\d\d:\d\d\.\d\d$/);
    } else {
      expect(done.committed['cmi.success_status']).toBe('passed');
      expect(done.committed['cmi.score.scaled']).toBe('1.0000');
      expect(done.committed['cmi.session_time']).toMatch(/^PT(\d+H)?(\d+M)?[\d.]+S$/);
      expect(done.committed['cmi.exit']).toBe('normal');
    }
    // The harness holds 1.2 to its 4,096 characters (scorm-again would take more).
    expect(done.over1p2Limit).toEqual([]);
    expect(left.over1p2Limit).toEqual([]);
    expect(second.outside).toEqual([]);
    expect(second.missing).toEqual([]);
  });
}

test('SCORM 1.2: a long session in close-the-relay keeps its suspend data within 4,096 characters and resumes from what was kept', async ({ page }) => {
  // Hard-to-compress lines (hex noise) so the saved keys outgrow 1.2's limit within a short test.
  let x = 12345;
  const noise = () => Array.from({ length: 5 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 0).toString(16).padStart(8, '0')).join('');
  const lines: string[] = [];
  const attempt = { v: 1, lab: 'close-the-relay', seed: 7, log: [] as { d: string; w: boolean }[], answers: {}, hints: {}, completed: [], startedAt: Date.now() - 3_600_000 };
  const stateOf = () => ({ v: 1 as const, module: 'lab-close-the-relay', at: 'labs/close-the-relay' as const, pages: { 'labs/close-the-relay': { done: false, passed: 1, total: 3 } }, labs: { 'close-the-relay': JSON.stringify(attempt) } });
  // A saved attempt just under the limit: a few more commands take it over.
  while (encodeState(stateOf()).length < 3850) {
    lines.push(`echo ${noise()}`);
    attempt.log.push({ d: `${lines.at(-1)}\r`, w: true });
  }
  const saved = encodeState(stateOf());
  const net = await launch(page, 'lab-close-the-relay', '1.2', { 'cmi.suspend_data': saved, 'cmi.core.lesson_location': 'labs/close-the-relay', 'cmi.core.entry': 'resume' });
  let frame = await pageFrame(page, 'labs/close-the-relay');
  await labReady(frame);
  // More commands, and SMTP dialogues by hand, until the whole attempt no longer fits.
  for (const line of ['telnet mail.corp.example 25', `EHLO n${noise()}.example`, `MAIL FROM:<${noise()}@corp.example>`, 'RCPT TO:<bob@corp.example>', 'QUIT']) await runInFrame(frame, line);
  for (let j = 0; j < 3; j++) await runInFrame(frame, `echo ${noise()}`);
  const player = playerFrame(page, 'lab-close-the-relay');
  expect(await player.evaluate(() => (window as unknown as { relayLabPlayer: { trimmed: string[] } }).relayLabPlayer.trimmed)).toEqual([expect.stringMatching(/^close-the-relay: keys after line \d+ of \d+ dropped$/)]);
  await closeCourse(page);
  await expect.poll(async () => (await lms(page)).terminated).toBe(true);
  const left = await lms(page);
  expect(left.over1p2Limit).toEqual([]);
  expect(left.committed['cmi.suspend_data']!.length).toBeLessThanOrEqual(4096);
  expect(left.errors).toEqual([]);
  expect(net.outside).toEqual([]);

  const again = await page.context().newPage();
  await launch(again, 'lab-close-the-relay', '1.2', resumeWith('1.2', left.committed));
  frame = await pageFrame(again, 'labs/close-the-relay');
  await labReady(frame);
  const screen = await frame.evaluate(() => {
    const buf = (window as unknown as { relayLab: { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(t: boolean): string } | undefined } } } } }).relayLab.term.buffer.active;
    return Array.from({ length: buf.length }, (_, i) => buf.getLine(i)?.translateToString(true) ?? '').join('\n');
  });
  // The attempt resumes from its start: the first saved line is there again, replayed.
  expect(screen).toContain(lines[0]!.slice(5));
});

// The two admin tracks hold every terminal lab and admin lesson (a lab's own package holds its page of them).
for (const id of ['admin-track', 'spambot-track']) {
  test(`SCORM 2004 4th: the ${id}, walked page by page, loads only its own files and counts each page`, async ({ page }) => {
    const mod = modules.find((m) => m.id === id)!;
    const net = await launch(page, id, '2004-4th');
    const player = playerFrame(page, id);
    for (const [i, p] of mod.pages.entries()) {
      const frame = await pageFrame(page, p);
      if (p.startsWith('labs/')) await labReady(frame);
      else await expect(frame.locator('h1')).toBeVisible();
      await expect(player.locator(`[data-module-page="${p}"]`)).toHaveAttribute('aria-current', 'page');
      if (i < mod.pages.length - 1) await player.locator('[data-module-next]').click();
    }
    const lessons = mod.pages.filter((p) => p.startsWith('lessons/')).length;
    await expect.poll(async () => (await lms(page)).values['cmi.progress_measure']).toBe((lessons / mod.pages.length).toFixed(2));
    expect(net.outside).toEqual([]);
    expect(net.missing).toEqual([]);
    expect((await lms(page)).errors).toEqual([]);
  });
}

// The admin track to the end in each edition: every lab solved in its frame as the trainer's key types it.
for (const edition of EDITIONS) {
  test(`SCORM ${edition}: the admin-track is completed and passed, with a score and a session time`, async ({ page }) => {
    test.setTimeout(240_000);
    const v12 = edition === '1.2';
    const mod = modules.find((m) => m.id === 'admin-track')!;
    const net = await launch(page, mod.id, edition);
    const player = playerFrame(page, mod.id);
    for (const [i, p] of mod.pages.entries()) {
      const frame = await pageFrame(page, p);
      if (p.startsWith('labs/')) {
        await labReady(frame);
        const lab = loadLab(p.slice('labs/'.length));
        const seed = await frame.evaluate(() => (window as unknown as { relayLabRunner: { seed: number } }).relayLabRunner.seed);
        const key = solutionAnswers(lab, seed);
        for (const step of lab.steps) {
          for (const line of stepLines(lab, step, seed)) await runInFrame(frame, line);
          if (key[step.id] !== undefined) await answerStep(frame, step.id, key[step.id]!);
        }
        await expect(frame.locator('[data-step].done')).toHaveCount(lab.steps.length, { timeout: 30_000 });
        // The player has the lab complete before the learner moves on.
        await expect(player.locator(`li:has([data-module-page="${p}"]) [data-module-mark]`)).toHaveText('✓ done');
      } else await expect(frame.locator('h1')).toBeVisible();
      // The player has taken the page in (its load event) before Next, which counts from there.
      await expect(player.locator(`[data-module-page="${p}"]`)).toHaveAttribute('aria-current', 'page');
      if (i < mod.pages.length - 1) await player.locator('[data-module-next]').click();
    }
    await expect.poll(async () => (await lms(page)).committed[v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status']).toBe(v12 ? 'passed' : 'completed');
    await expect(player.locator('[data-module-summary]')).toHaveText('100% done · score 100% · complete');
    await closeCourse(page);
    await expect.poll(async () => (await lms(page)).terminated).toBe(true);
    const done = await lms(page);
    expect(done.errors).toEqual([]);
    if (v12) {
      expect(done.committed['cmi.core.score.raw']).toBe('100');
      expect(done.committed['cmi.core.session_time']).toMatch(/^\d{4}:\d\d:\d\d\.\d\d$/);
      expect(done.over1p2Limit).toEqual([]);
    } else {
      expectFinished2004(done.committed);
    }
    expect(net.outside).toEqual([]);
    expect(net.missing).toEqual([]);
  });
}

// The labs no track holds, each in its own package (one edition each, so every edition runs one).
const alone = modules.filter((m) => m.pages.length === 1 && !modules.some((t) => t.pages.length > 1 && t.pages.includes(m.pages[0]!)));
for (const [i, mod] of alone.entries()) {
  const edition = EDITIONS[i % EDITIONS.length]!;
  test(`SCORM ${edition}: ${mod.id}, a lab no track holds, starts in the LMS and loads only its own files`, async ({ page }) => {
    const net = await launch(page, mod.id, edition);
    await labReady(await pageFrame(page, mod.pages[0]!));
    await expect.poll(async () => (await lms(page)).values[edition === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location']).toBe(mod.pages[0]);
    expect((await lms(page)).initialized).toBe(true);
    expect(net.outside).toEqual([]);
    expect(net.missing).toEqual([]);
    expect((await lms(page)).errors).toEqual([]);
  });
}

test('every generated package validates against its edition\'s schemas and passes the checker', async () => {
  test.setTimeout(120_000);
  const packages = buildPackages({ dist: DIST, labsDir: join(process.cwd(), 'labs') });
  expect(packages.length).toBe(modules.length * EDITIONS.length);
  for (const p of packages) {
    expect(checkPackage(p.files), p.name).toEqual([]);
    expect(await validateManifest(strFromU8(p.files.get('imsmanifest.xml')!), p.edition), p.name).toEqual([]);
  }
});
