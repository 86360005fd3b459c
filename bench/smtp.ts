/**
 * Bench (issue 3): SMTP sessions per second through the in-page engine and the
 * relay battery's wall time, in Node and in Chromium (the same module bundled
 * into a blank page). Sessions per second have no target; the battery's is 50 ms.
 */
import type { Browser } from '@playwright/test';
import { bundleForPage } from './bundle.ts';
import { report } from './browser.ts';
import { runSmtpBench, type SmtpBenchResult } from './smtp-run.ts';

function print(where: string, r: SmtpBenchResult): void {
  report(`SMTP sessions/s over the wire, ${where} (${r.concurrency} open)`, r.wirePerSecond, '/s');
  report(`One wire session alone, ${where} (median of 5)`, r.wireSingleMs, 'ms');
  report(`Same dialogue via the bulk path, ${where}`, r.bulkPerSecond, '/s');
  report(`Relay battery (16 tests, relaytest), ${where}`, r.batteryMs, 'ms', 50);
  report(`  of which connect → 220 greeting, ${where}`, r.batteryGreetingMs, 'ms');
  report(`5,000 pipelined MAIL/RCPT/RSET in one write, ${where}`, r.pipelinedMs, 'ms');
  if (r.batteryPassed !== 16) console.log(`  (battery: ${r.batteryPassed}/16 passed on the open server; expected 16)`);
}

export async function benchSmtpNode(): Promise<void> {
  print('Node', await runSmtpBench(() => performance.now()));
}

export async function benchSmtpChromium(browser: Browser): Promise<void> {
  let code: string;
  try {
    code = await bundleForPage("import { runSmtpBench } from './smtp-run.ts'; (globalThis as any).__smtpBench = () => runSmtpBench(() => performance.now());");
  } catch (e) {
    console.log(`SMTP bench, Chromium: not measured (bundle failed: ${String(e).split('\n')[0]})`);
    return;
  }
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>smtp bench</title>');
    await page.addScriptTag({ content: code });
    const r = await page.evaluate(() => (globalThis as unknown as { __smtpBench: () => Promise<SmtpBenchResult> }).__smtpBench());
    print('Chromium', r);
  } finally {
    await page.close();
  }
}
