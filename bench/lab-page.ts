/**
 * The lab page as a workspace (issue 12): the JavaScript a learner loads before their first
 * compound command (everything but the shell engine, which loads when a line needs it), layout
 * shift while the lab starts at 1366×768, how long the map takes to show the relay closed after
 * the Enter of `postfix reload`, and the frame time while the map draws a busy hour of traffic
 * (synthetic connect events at a bad hour's rate — 2,000 spam attempts in the hour, played in 10 s).
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { launchChromium, median, report, startSite } from './browser.ts';

const LAB3 = '/labs/close-the-relay/?seed=7';

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as { relayLabRestoredAt?: number }).relayLabRestoredAt !== undefined, null, { timeout: 30_000 });
  await page.evaluate(() => (window as unknown as { relayLabRunner: { settled(): Promise<void> } }).relayLabRunner.settled());
}

export async function benchLabPage(browser: Browser, base: string): Promise<void> {
  // JavaScript before the first compound command: every script but the engine's chunk.
  {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    let early = 0;
    let all = 0;
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      const engine = /bash-engine/.test(res.url());
      pending.push(res.body().then((b) => void ((all += gzipSync(b).length), engine || (early += gzipSync(b).length))));
    });
    await page.goto(base + LAB3);
    await ready(page);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    await ctx.close();
    report('lab page: JS before the first compound command', early / 1024, 'KB', 300);
    report('lab page: JS with map, engine included (gzip)', all / 1024, 'KB', 600);
  }
  // Layout shift while the lab starts.
  const shifts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { cls: number };
      w.cls = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(base + LAB3);
    await ready(page);
    shifts.push(await page.evaluate(() => (window as unknown as { cls: number }).cls));
    await ctx.close();
  }
  report('lab page: layout shift while starting (median)', median(shifts) * 1000, 'x1000', 50);

  // The map after a fix: Enter of `postfix reload` → the relay mark reads closed.
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await page.goto(base + LAB3);
  await ready(page);
  await page.click('#tab-map');
  for (const line of ['ssh mail', "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24'", "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'"]) {
    await page.evaluate(async (l) => {
      const w = window as unknown as { relayLab: { session: { whenReady(o: object): Promise<void>; input(d: string): void } }; relayLabRunner: { settled(): Promise<void> } };
      await w.relayLab.session.whenReady({ patient: false });
      w.relayLab.session.input(l + '\r');
      await new Promise((r) => setTimeout(r, 0));
      await w.relayLabRunner.settled();
    }, line);
  }
  const fixMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { relayLab: { session: { input(d: string): void } } };
        const began = performance.now();
        const mark = document.querySelector('[data-net-map] svg')!;
        new MutationObserver(() => {
          if (document.querySelector('[data-relay="closed"]')) resolve(performance.now() - began);
        }).observe(mark, { subtree: true, childList: true, attributes: true });
        w.relayLab.session.input('postfix reload\r');
      }),
  );
  report('map: Enter of the fix → relay shown closed', fixMs, 'ms', 1000);

  // A busy hour on the map: frame times while events arrive. (tsx names inner functions with __name.)
  await page.evaluate('window.__name = (f) => f');
  const frameTimes = (perFrame: number, ms: number) => page.evaluate(async ([perFrame, ms]) => {
    type Emit = { emit(e: unknown): void };
    const sim = (window as unknown as { relayLab: { sim: { events: Emit; topology: { hosts: Array<{ name: string; role: string }> } } } }).relayLab.sim;
    const desks = sim.topology.hosts.filter((h) => h.role === 'workstation').map((h) => h.name);
    const mxs = sim.topology.hosts.filter((h) => h.role === 'mx').map((h) => h.name);
    const times: number[] = [];
    let last = performance.now();
    let n = 0;
    const end = last + ms;
    await new Promise<void>((resolve) => {
      const frame = (now: number) => {
        times.push(now - last);
        last = now;
        // 2,000 attempts over 10 s: 12 per 60 Hz frame, as the world's bulk traffic arrives in bursts.
        for (let i = 0; i < perFrame; i++, n++) {
          const drop = n % 3 === 0;
          sim.events.emit({ type: 'connect', at: n, from: desks[n % desks.length], target: mxs[n % mxs.length], toHost: drop ? undefined : mxs[n % mxs.length], port: 25, verdict: drop ? 'timeout' : 'accepted', rule: drop ? { chain: 'FORWARD', num: 2, target: 'DROP' } : undefined, via: 'bulk', probe: false });
        }
        if (now < end) requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame(frame);
    });
    return times.slice(1).sort((a, b) => a - b);
  }, [perFrame, ms] as const);
  // The same page with no traffic, for comparison: this machine's own frame time.
  const idle = await frameTimes(0, 2000);
  const frames = await frameTimes(12, 10_000);
  await ctx.close();
  report('map: frame time, no traffic (median)', idle[Math.floor(idle.length / 2)]!, 'ms');
  report('map: frame time in a busy hour (median)', frames[Math.floor(frames.length / 2)]!, 'ms', 17);
  report('map: frame time in a busy hour (95th pct)', frames[Math.floor(frames.length * 0.95)]!, 'ms', 33);
}

// `npx tsx bench/lab-page.ts` after `npx astro build`: this bench alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const preview = await startSite(Number(process.env.E2E_PORT ?? 4342));
  const browser = await launchChromium();
  try {
    await benchLabPage(browser, preview.url);
  } finally {
    await browser.close();
    preview.stop();
  }
}
