/**
 * Bench (issue 11): lab 4's simulated week — time to a usable lab (target
 * 2 s in Chromium) and the heap it retains, in Node and in Chromium, for a
 * relay week and a bots week; and time to the prompt on the new lab pages
 * (labs 4 and 5, world running), cold and warm.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Browser } from '@playwright/test';
import { bundleForPage } from './bundle.ts';
import { coldStarts, median, readyAt, report } from './browser.ts';
import { LAB_WEEK_SEEDS, runLabWeek } from './lab-week-run.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export function benchLabWeekNode(): void {
  for (const [name, seed] of Object.entries(LAB_WEEK_SEEDS)) {
    runLabWeek(() => performance.now(), seed); // warm-up: JIT and module init
    const times: number[] = [];
    let heap = 0;
    for (let i = 0; i < 3; i++) {
      gc();
      const before = process.memoryUsage().heapUsed;
      times.push(runLabWeek(() => performance.now(), seed, () => {
        gc();
        heap = Math.max(heap, process.memoryUsage().heapUsed - before);
      }).ms);
    }
    report(`Lab 4 week (${name}) → usable lab, Node (median of 3)`, median(times), 'ms', 2000);
    report(`Lab 4 week (${name}), Node heap retained`, heap / 1e6, 'MB', 100);
  }
}

export async function benchLabWeekChromium(browser: Browser): Promise<void> {
  let code: string;
  try {
    code = await bundleForPage("import { runLabWeek } from './lab-week-run.ts'; (globalThis as any).__week = (seed: number) => runLabWeek(() => performance.now(), seed, (sim) => { (globalThis as any).__kept = sim; }); (globalThis as any).__drop = () => { (globalThis as any).__kept = undefined; };");
  } catch (e) {
    console.log(`Lab 4 week, Chromium: not measured (bundle failed: ${String(e).split('\n')[0]})`);
    return;
  }
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>lab 4 week</title>');
    await page.addScriptTag({ content: code });
    const cdp = await page.context().newCDPSession(page);
    const usedAfterGc = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    for (const [name, seed] of Object.entries(LAB_WEEK_SEEDS)) {
      const times: number[] = [];
      let heap = 0;
      for (let i = 0; i < 4; i++) {
        const before = await usedAfterGc();
        const ms = await page.evaluate((s) => (globalThis as unknown as { __week: (s: number) => { ms: number } }).__week(s).ms, seed);
        heap = Math.max(heap, (await usedAfterGc()) - before);
        await page.evaluate(() => (globalThis as unknown as { __drop: () => void }).__drop());
        if (i > 0) times.push(ms);
      }
      report(`Lab 4 week (${name}) → usable lab, Chromium (median of 3)`, median(times), 'ms', 2000);
      report(`Lab 4 week (${name}), Chromium heap retained`, heap / 1e6, 'MB', 100);
    }
  } finally {
    await page.close();
  }
}

/** Navigation → interactive prompt on the lab pages of labs 4 and 5 (world running), cold and warm, median of 3. */
export async function benchNewLabPages(browser: Browser, base: string): Promise<void> {
  for (const id of ['watch-your-mail-server', 'follow-the-trail']) {
    const url = `${base}/labs/${id}/?seed=2`;
    const cold = await coldStarts(browser, url, 3);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    await readyAt(page);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A fresh attempt each time (saved progress would be replayed on top of the week).
      await page.evaluate(() => localStorage.clear());
      await page.goto(url);
      warm.push(await readyAt(page));
    }
    await ctx.close();
    report(`${id}: navigation → prompt, cold (median)`, median(cold), 'ms', id === 'watch-your-mail-server' ? 2000 : 1000);
    report(`${id}: navigation → prompt, warm (median)`, median(warm), 'ms', id === 'watch-your-mail-server' ? 2000 : 300);
  }
}
