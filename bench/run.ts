/** `npm run bench`: prints each measured figure with its target and ratio. Never asserts. */
import { launchChromium, startPreview } from './browser.ts';
import { benchPageLoad } from './page-load.ts';
import { benchKeystroke } from './keystroke.ts';
import { benchWorldDayChromium, benchWorldDayNode } from './world-day.ts';

const preview = await startPreview(4340);
const browser = await launchChromium();
try {
  console.log('Relay Lab benchmarks (this machine; lower is better)\n');
  await benchPageLoad(browser, preview.url);
  await benchKeystroke(browser, preview.url);
  console.log('');
  benchWorldDayNode();
  await benchWorldDayChromium(browser);
} finally {
  await browser.close();
  preview.stop();
}
