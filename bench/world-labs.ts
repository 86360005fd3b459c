/**
 * Labs 6–8 run the living world from the first second (lab 7 also replays three
 * hours of the company's morning before the prompt): time from navigation to an
 * interactive prompt with the world running, cold (fresh profile) and warm
 * (cached), median of 3 — and, in Node, the time to build each lab's simulation.
 */
import type { Browser } from '@playwright/test';
import { coldStarts, median, readyAt, report } from './browser.ts';
import { loadLab } from '../cli/lab-files.ts';
import { labSimulation } from '../simulator/labs/attempt.ts';

const LABS = ['shut-the-side-door', 'clean-up', 'incident-drill'];
const RUNS = 3;

export function benchWorldLabsNode(): void {
  for (const id of LABS) {
    const lab = loadLab(id);
    labSimulation(lab, 1); // warm the module graph and JIT
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      labSimulation(lab, 1 + i);
      times.push(performance.now() - t0);
    }
    report(`lab ${id}: build its world (Node, median)`, median(times), 'ms', 500);
  }
}

export async function benchWorldLabsChromium(browser: Browser, base: string): Promise<void> {
  for (const id of LABS) {
    const url = `${base}/labs/${id}/?seed=1`;
    const cold = await coldStarts(browser, url, RUNS);
    const warm: number[] = [];
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    await readyAt(page);
    for (let i = 0; i < RUNS; i++) {
      // A fresh attempt each time (saved progress would replay the previous one).
      await page.evaluate(() => localStorage.clear());
      await page.goto(url);
      warm.push(await readyAt(page));
    }
    await ctx.close();
    report(`lab ${id}: navigation → prompt, world running, cold (median)`, median(cold), 'ms', 1000);
    report(`lab ${id}: navigation → prompt, world running, warm (median)`, median(warm), 'ms', 400);
  }
}
