/**
 * Which Chromium the end-to-end tests drive: CHROMIUM_PATH, then Debian's
 * /usr/bin/chromium, then Playwright's own download. If none exists, say
 * exactly how to get one instead of failing obscurely.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string {
  const candidates: Array<[string, string | undefined]> = [
    ['CHROMIUM_PATH', process.env.CHROMIUM_PATH],
    ['Debian chromium', '/usr/bin/chromium'],
    ['Playwright chromium', safe(() => chromium.executablePath())],
  ];
  for (const [, path] of candidates) if (path && existsSync(path)) return path;
  throw new Error(
    'No Chromium found for the browser tests. Install one of:\n' +
      '  sudo apt-get update && sudo apt-get install -y chromium   (Debian/Ubuntu; then /usr/bin/chromium is used)\n' +
      '  CHROMIUM_PATH=/path/to/chrome npm test                   (any Chromium or Chrome you already have)\n' +
      '  npx playwright install chromium                          (Playwright\'s own build, needs internet)',
  );
}

function safe(fn: () => string): string | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
