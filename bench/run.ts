/** `npm run bench`: prints each measured figure with its target and ratio. Never asserts. */
import { launchChromium, startPreview } from './browser.ts';
import { benchPageLoad } from './page-load.ts';

const preview = await startPreview(4340);
const browser = await launchChromium();
try {
  console.log('Relay Lab benchmarks (this machine; lower is better)\n');
  await benchPageLoad(browser, preview.url);
} finally {
  await browser.close();
  preview.stop();
}
