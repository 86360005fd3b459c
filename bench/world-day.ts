/**
 * Bench: one simulated day of the living world (bench/world-day-run.ts) in
 * Node and in Chromium — wall time (target 1 s) and retained heap (target
 * 100 MB). The Chromium run bundles the same module with esbuild, with the
 * site's Node shims, into a blank page.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Browser } from '@playwright/test';
import { bundleForPage } from './bundle.ts';
import { median, report } from './browser.ts';
import { runWorldDay, type WorldDayResult } from './world-day-run.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export function benchWorldDayNode(): WorldDayResult {
  runWorldDay(() => performance.now()); // warm-up: JIT and module init
  const times: number[] = [];
  let heap = 0;
  let last!: WorldDayResult;
  for (let i = 0; i < 3; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    last = runWorldDay(() => performance.now(), () => {
      gc();
      heap = Math.max(heap, process.memoryUsage().heapUsed - before);
    });
    times.push(last.ms);
  }
  console.log(`World day: ${last.legit} legitimate messages, ${last.spam} spam attempts, ${last.mailLogLines} mail.log lines, ${(last.fwLogBytes / 1e6).toFixed(1)} MB firewall.log`);
  report('Simulated day, Node (median of 3)', median(times), 'ms', 1000);
  report('Simulated day, Node heap retained', heap / 1e6, 'MB', 100);
  // The event stream must cost nothing when nobody listens; with a listener, this is what it costs.
  const withListener: number[] = [];
  let seen = 0;
  for (let i = 0; i < 3; i++) {
    const r = runWorldDay(() => performance.now(), undefined, { subscribe: true });
    withListener.push(r.ms);
    seen = r.events;
  }
  const base = median(times);
  const subscribed = median(withListener);
  console.log(`Simulated day with a listener on the event stream: ${subscribed.toFixed(0)} ms (${seen} events), ${(subscribed / base).toFixed(2)}× the day without one`);
  return last;
}

const bundle = () =>
  bundleForPage("import { runWorldDay } from './world-day-run.ts'; (globalThis as any).__worldDay = () => runWorldDay(() => performance.now(), (sim) => { (globalThis as any).__kept = sim; }); (globalThis as any).__drop = () => { (globalThis as any).__kept = undefined; };");

export async function benchWorldDayChromium(browser: Browser): Promise<void> {
  let code: string;
  try {
    code = await bundle();
  } catch (e) {
    console.log(`Simulated day, Chromium: not measured (bundle failed: ${String(e).split('\n')[0]})`);
    return;
  }
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>world day</title>');
    await page.addScriptTag({ content: code });
    // DevTools protocol: a real GC and the exact JS heap size, like the Node measurement (performance.memory is bucketed).
    const cdp = await page.context().newCDPSession(page);
    const usedAfterGc = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const times: number[] = [];
    let heap = 0;
    for (let i = 0; i < 4; i++) {
      const before = await usedAfterGc();
      const ms = await page.evaluate(() => (globalThis as unknown as { __worldDay: () => { ms: number } }).__worldDay().ms);
      // The simulation is still referenced (__kept): this is what one simulated day retains.
      heap = Math.max(heap, (await usedAfterGc()) - before);
      await page.evaluate(() => (globalThis as unknown as { __drop: () => void }).__drop());
      if (i > 0) times.push(ms);
    }
    report('Simulated day, Chromium (median of 3)', median(times), 'ms', 1000);
    report('Simulated day, Chromium heap retained', heap / 1e6, 'MB', 100);
  } finally {
    await page.close();
  }
}
