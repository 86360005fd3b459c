/**
 * Bench: grading every step of lab 3 once (bench/grading-run.ts), in Node and
 * in Chromium, plus a case where fw drops SMTP from the Internet (the probes
 * from outside meet a dropped SYN). Target: 500 ms — a Check press should feel immediate.
 */
import type { Browser } from '@playwright/test';
import { loadLab } from '../cli/lab-files.ts';
import { bundleForPage } from './bundle.ts';
import { median, report } from './browser.ts';
import { gradeLab3 } from './grading-run.ts';

const TARGET_MS = 500;

export async function benchGradingNode(): Promise<void> {
  const lab = loadLab('close-the-relay');
  for (const drop of [false, true]) {
    await gradeLab3(lab, () => performance.now(), drop); // warm-up
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await gradeLab3(lab, () => performance.now(), drop)).ms);
    report(`Grade lab 3, all steps, Node${drop ? ', fw drops SMTP from outside' : ''} (median of 5)`, median(times), 'ms', TARGET_MS);
  }
}

export async function benchGradingChromium(browser: Browser): Promise<void> {
  let code: string;
  try {
    code = await bundleForPage("import { gradeLab3 } from './grading-run.ts'; (globalThis as any).__grade = (lab: any, drop: boolean) => gradeLab3(lab, () => performance.now(), drop);");
  } catch (e) {
    console.log(`Grade lab 3, Chromium: not measured (bundle failed: ${String(e).split('\n')[0]})`);
    return;
  }
  const lab = loadLab('close-the-relay');
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>grading</title>');
    await page.addScriptTag({ content: code });
    for (const drop of [false, true]) {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const ms = await page.evaluate(
          async ([l, d]) => (await (globalThis as unknown as { __grade: (lab: unknown, drop: boolean) => Promise<{ ms: number }> }).__grade(l, d)).ms,
          [lab, drop] as const,
        );
        if (i > 0) times.push(ms);
      }
      report(`Grade lab 3, all steps, Chromium${drop ? ', fw drops SMTP from outside' : ''} (median of 5)`, median(times), 'ms', TARGET_MS);
    }
  } finally {
    await page.close();
  }
}
