/**
 * Keystroke-to-echo latency in Chromium: a key goes in through xterm's
 * textarea; we time until xterm has rendered the echoed character (its
 * onRender after the write), median over 50 keys. Also how long the shell
 * engine (just-bash) takes to arrive after the prompt. Never asserts.
 */
import type { Browser } from '@playwright/test';
import { median, report } from './browser.ts';

const KEYS = 50;

export async function benchKeystroke(browser: Browser, base: string): Promise<void> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/labs/speak-smtp/?seed=1`);
  // The engine loaded and the lab started (the engine can now arrive before the runner has finished starting).
  await page.waitForFunction(() => (globalThis as { relayLabEngineAt?: number; relayLab?: unknown }).relayLabEngineAt !== undefined && (globalThis as { relayLab?: unknown }).relayLab !== undefined, null, { timeout: 30_000 });
  const engineAfterPrompt = await page.evaluate(() => {
    const g = globalThis as unknown as { relayLabEngineAt: number; relayLabReadyAt: number };
    return g.relayLabEngineAt - g.relayLabReadyAt;
  });
  await page.locator('.xterm-helper-textarea').focus();
  const samples: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    // Arm a listener for the next render, then type: the time between is what a person feels.
    await page.evaluate(() => {
      const w = window as unknown as { relayLab: { term: { onRender(cb: () => void): { dispose(): void } } }; keyT0: number; keyDone: Promise<number> };
      w.keyDone = new Promise((resolve) => {
        const sub = w.relayLab.term.onRender(() => {
          sub.dispose();
          resolve(performance.now() - w.keyT0);
        });
      });
      w.keyT0 = performance.now();
    });
    await page.keyboard.press(key);
    samples.push(await page.evaluate(() => (window as unknown as { keyDone: Promise<number> }).keyDone));
  }
  await ctx.close();
  report('terminal: keystroke → echo rendered (median of 50)', median(samples), 'ms', 16);
  report('shell engine (just-bash) ready after the prompt', engineAfterPrompt, 'ms');
}
