/** `npm run bench`: prints each measured figure with its target and ratio. Never asserts. */
import { launchChromium, startSite } from './browser.ts';
import { benchPageLoad } from './page-load.ts';
import { benchLabPage } from './lab-page.ts';
import { benchBundleSources } from './bundle-sources.ts';
import { benchKeystroke } from './keystroke.ts';
import { benchLabReload } from './lab-reload.ts';
import { benchWorldDayChromium, benchWorldDayNode } from './world-day.ts';
import { benchSmtpChromium, benchSmtpNode } from './smtp.ts';
import { benchGradingChromium, benchGradingNode } from './grading.ts';
import { benchShellLogs } from './shell-logs.ts';
import { benchWorkshop } from './workshop.ts';
import { benchWorldLabsChromium, benchWorldLabsNode } from './world-labs.ts';
import { benchLabWeekChromium, benchLabWeekNode, benchNewLabPages } from './lab-week.ts';
import { benchServe } from './serve.ts';

const preview = await startSite(4340);
const browser = await launchChromium();
try {
  console.log('Relay Lab benchmarks (this machine; ms and KB: lower is better, /s: higher)\n');
  await benchPageLoad(browser, preview.url);
  await benchLabPage(browser, preview.url);
  await benchBundleSources(browser, preview.url, 12);
  await benchKeystroke(browser, preview.url);
  await benchLabReload(browser, preview.url);
  console.log('');
  benchWorldDayNode();
  await benchWorldDayChromium(browser);
  console.log('');
  await benchSmtpNode();
  await benchSmtpChromium(browser);
  console.log('');
  await benchGradingNode();
  await benchGradingChromium(browser);
  console.log('');
  await benchShellLogs();
  console.log('');
  await benchWorkshop();
  console.log('');
  benchWorldLabsNode();
  await benchWorldLabsChromium(browser, preview.url);
  console.log('');
  benchLabWeekNode();
  await benchLabWeekChromium(browser);
  await benchNewLabPages(browser, preview.url);
  console.log('');
  await benchServe();
} finally {
  await browser.close();
  preview.stop();
}
