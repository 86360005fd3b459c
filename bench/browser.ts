/** Shared bench plumbing: the built site served as `npm start` serves it (`relaylab site`) and a Chromium to drive. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/chromium.ts';

export async function startSite(port: number): Promise<{ url: string; stop(): void }> {
  // Own process group, so stop() ends the server and anything it started.
  const child: ChildProcess = spawn(process.execPath, ['bin/relaylab.mjs', 'site', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url + '/');
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill();
      }
    },
  };
}

/** Navigation start → the interactive prompt (the island's `relayLabReadyAt`), once the page has one. */
export async function readyAt(page: Page, timeout = 60_000): Promise<number> {
  await page.waitForFunction(() => (globalThis as { relayLabReadyAt?: number }).relayLabReadyAt !== undefined, null, { timeout });
  return page.evaluate(() => (globalThis as unknown as { relayLabReadyAt: number }).relayLabReadyAt);
}

/** Time to the prompt `runs` times, each in a new profile: nothing cached, nothing saved. */
export async function coldStarts(browser: Browser, url: string, runs: number, timeout?: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    times.push(await readyAt(page, timeout));
    await ctx.close();
  }
  return times;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function report(name: string, value: number, unit: string, target?: number): void {
  const ratio = target ? `  (${(value / target).toFixed(2)}× of target ${target} ${unit}${value <= target ? ', met' : ', MISSED'})` : '';
  console.log(`${name.padEnd(48)} ${value.toFixed(unit === 'KB' ? 1 : 0).padStart(9)} ${unit}${ratio}`);
}
