/**
 * The SCORM browser tests' LMS: a package (built from dist/ once per module and edition, zipped and
 * unzipped as an LMS would) launched in tests/e2e/scorm/harness.html under scorm-again, every
 * request outside the package recorded and refused, and what the LMS was told read back.
 */
import { expect, type Frame, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildPackage, readLabInfos, readTracksFile, zipPackage } from '../../../scorm/package.ts';
import type { Edition } from '../../../scorm/manifest.ts';
import { allModules } from '../../../site/lms/modules.ts';

const ROOT = process.cwd();
export const DIST = join(ROOT, 'dist');
export const modules = allModules(readLabInfos(join(ROOT, 'labs')), readTracksFile(join(ROOT, 'labs')));

// One build of each package for every spec of this worker.
const unzipped = new Map<string, Record<string, Uint8Array>>();
function packageFiles(moduleId: string, edition: Edition): Record<string, Uint8Array> {
  const key = `${moduleId}/${edition}`;
  if (!unzipped.has(key)) unzipped.set(key, unzipSync(zipPackage(buildPackage(DIST, modules.find((m) => m.id === moduleId)!, edition))));
  return unzipped.get(key)!;
}

const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml', xml: 'application/xml', xsd: 'application/xml', dtd: 'application/xml-dtd' };
const type = (path: string) => TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';

export type Lms = { calls: string[][]; errors: string[]; values: Record<string, string>; committed: Record<string, string>; commits: number; terminated: boolean; initialized: boolean; maxSuspend: number; over1p2Limit: number[] };

/**
 * Launch a package in the harness. Everything under /__lms/ is answered here (harness, scorm-again,
 * the package's files); any other request is recorded as leaving the package and refused.
 */
export async function launch(page: Page, moduleId: string, edition: Edition, init?: Record<string, string>): Promise<{ outside: string[]; missing: string[] }> {
  const files = packageFiles(moduleId, edition);
  const outside: string[] = [];
  const missing: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    const ok = url.pathname.startsWith('/__lms/pkg/') || ['/__lms/harness.html', '/__lms/scorm-again/scorm2004.min.js', '/__lms/scorm-again/scorm12.min.js'].includes(url.pathname);
    if (!ok || url.origin !== new URL(page.url() === 'about:blank' ? req.url() : page.url()).origin) outside.push(req.url());
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/__lms/harness.html') return route.fulfill({ contentType: 'text/html', body: readFileSync(join(ROOT, 'tests/e2e/scorm/harness.html')) });
    if (url.pathname.startsWith('/__lms/scorm-again/')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(ROOT, 'node_modules/scorm-again/dist', url.pathname.split('/').pop()!)) });
    if (url.pathname.startsWith('/__lms/pkg/')) {
      const path = decodeURI(url.pathname.slice('/__lms/pkg/'.length));
      const bytes = files[path];
      if (!bytes) {
        missing.push(path);
        return route.fulfill({ status: 404, body: 'not in the package' });
      }
      return route.fulfill({ contentType: type(path), body: Buffer.from(bytes) });
    }
    return route.abort('blockedbyclient');
  });
  if (init) await page.addInitScript((data) => ((window as unknown as { lmsInit: unknown }).lmsInit = data), init);
  const v = edition === '1.2' ? '1.2' : '2004';
  await page.goto(`/__lms/harness.html?v=${v}&launch=${encodeURIComponent(`modules/${moduleId}/index.html`)}`);
  return { outside, missing };
}

/** What the LMS keeps for a relaunch, as the harness loads it: suspend data, location, entry=resume. */
export function resumeWith(edition: Edition, committed: Record<string, string>): Record<string, string> {
  return edition === '1.2'
    ? { 'cmi.suspend_data': committed['cmi.suspend_data']!, 'cmi.core.lesson_location': committed['cmi.core.lesson_location']!, 'cmi.core.entry': 'resume' }
    : { 'cmi.suspend_data': committed['cmi.suspend_data']!, 'cmi.location': committed['cmi.location']!, 'cmi.entry': 'resume' };
}

export const lms = (page: Page) => page.evaluate(() => (window as unknown as { lms: Lms }).lms);

/** The frame showing a module page (the player's inner frame). */
export async function pageFrame(page: Page, path: string): Promise<Frame> {
  let frame: Frame | undefined;
  await expect.poll(() => (frame = page.frames().find((f) => f.url().includes(`/__lms/pkg/${path}/`))) !== undefined, { timeout: 20_000 }).toBe(true);
  return frame!;
}

/** The player's own frame (the SCO). */
export const playerFrame = (page: Page, moduleId: string): Frame => page.frames().find((f) => f.url().includes(`/__lms/pkg/modules/${moduleId}/`))!;

/** Close the course as a learner does: the LMS removes its frame (pagehide in the SCO). */
export const closeCourse = (page: Page) => page.evaluate(() => document.getElementById('sco')!.remove());

/** What a 2004 LMS holds once a module was finished in one go: passed, full marks, a session time, a normal exit. */
export function expectFinished2004(committed: Record<string, string>): void {
  expect(committed['cmi.success_status']).toBe('passed');
  expect(committed['cmi.score.scaled']).toBe('1.0000');
  expect(committed['cmi.progress_measure']).toBe('1.00');
  expect(committed['cmi.session_time']).toMatch(/^PT(\d+H)?(\d+M)?[\d.]+S$/);
  expect(committed['cmi.exit']).toBe('normal');
}
