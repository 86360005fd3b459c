/**
 * The lab's background world clock (site/islands/lab/background-clock.ts) in
 * real Chromium with real timers. No shipped lab turns the world on yet, and
 * a test-only lab would need the build to know about test fixtures, so the
 * island is bundled (the bench's esbuild helper, with the site's Node shims)
 * into a blank page and driven directly: it runs, pauses while the tab is
 * hidden, resumes, and stops on pagehide and stop(). Headless Chromium
 * cannot hide a tab, so visibility is overridden and the real event fired.
 */
import { test, expect, type Page } from '@playwright/test';
import { bundleForPage } from '../../bench/bundle.ts';

type Probe = { now(): number; stop(): void; running(): boolean; started: boolean; withoutWorld: boolean };

const SOURCE = `
import { Simulation } from '../simulator/simulation.ts';
import { runWorldClock } from '../site/islands/lab/background-clock.ts';
const g = globalThis as any;
g.setHidden = (hidden: boolean) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
};
g.startClock = (speed: number) => {
  const sim = new Simulation({ seed: 7, world: true });
  const run = runWorldClock(sim, speed);
  g.probe = {
    now: () => sim.clock.now(),
    stop: () => run?.stop(),
    running: () => run?.running ?? false,
    started: run !== undefined,
    withoutWorld: runWorldClock(new Simulation({ seed: 7 }), speed) === undefined,
  };
};
`;

let bundle: string;
test.beforeAll(async () => {
  bundle = await bundleForPage(SOURCE);
});

const now = (page: Page) => page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.now());

/**
 * The clock holds still: the virtual clock itself does not move while the
 * page's own timers run for several of the background run's 100 ms steps.
 * (Not the island's `running` flag: a timer left armed would move the clock
 * with the flag saying otherwise.)
 */
async function expectStill(page: Page): Promise<void> {
  const before = await now(page);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 450)));
  expect(await now(page)).toBe(before);
  expect(await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.running())).toBe(false);
}

async function expectRunning(page: Page): Promise<void> {
  const before = await now(page);
  // speed 60: each 100 ms real step is 6 virtual seconds.
  await expect.poll(() => now(page), { timeout: 5_000 }).toBeGreaterThanOrEqual(before + 6_000);
}

test('the world clock runs in real time, pauses while hidden, and stops on pagehide', async ({ page }) => {
  await page.setContent('<!doctype html><title>clock</title><p>background clock</p>');
  await page.addScriptTag({ content: bundle });
  await page.evaluate(() => (globalThis as unknown as { startClock(speed: number): void }).startClock(60));
  expect(await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.started)).toBe(true);
  expect(await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.withoutWorld)).toBe(true);

  await expectRunning(page);
  await page.evaluate(() => (globalThis as unknown as { setHidden(h: boolean): void }).setHidden(true));
  await expectStill(page);
  await page.evaluate(() => (globalThis as unknown as { setHidden(h: boolean): void }).setHidden(false));
  await expectRunning(page);

  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  await expectStill(page);
});

test('stop() ends the clock for good: becoming visible again does not restart it', async ({ page }) => {
  await page.setContent('<!doctype html><title>clock</title>');
  await page.addScriptTag({ content: bundle });
  await page.evaluate(() => (globalThis as unknown as { setHidden(h: boolean): void }).setHidden(true));
  await page.evaluate(() => (globalThis as unknown as { startClock(speed: number): void }).startClock(60));
  // Started while hidden: nothing runs until the tab is shown.
  await expectStill(page);
  await page.evaluate(() => (globalThis as unknown as { setHidden(h: boolean): void }).setHidden(false));
  await expectRunning(page);
  await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.stop());
  await expectStill(page);
  await page.evaluate(() => (globalThis as unknown as { setHidden(h: boolean): void }).setHidden(false));
  await expectStill(page);
});
