/**
 * Where the lab page's JavaScript comes from (issue 12): every script the page loads, engine
 * included, split by source — an npm package, or a folder of ours. A source's figure is what
 * leaving it out of its chunks would save: each chunk's modules gzipped together with and
 * without it, scaled to the chunk as served (the modules' code is before minification). Read from
 * the last build's chunk list (bench/chunk-modules.ts), so run it after `npx astro build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { CHUNK_MODULES, type ChunkModules } from './chunk-modules.ts';
import { launchChromium, startSite } from './browser.ts';

const LAB3 = '/labs/close-the-relay/?seed=7';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `node_modules/@scope/pkg/…` → `@scope/pkg`; our own files → their folder two levels deep. */
export function sourceGroup(id: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (!clean.startsWith('/')) return '(build helpers)';
  const rel = relative(ROOT, clean).split('/');
  return rel.length > 2 ? `${rel[0]}/${rel[1]}/` : `${rel[0]}/`;
}

async function loadedScripts(browser: Browser, base: string): Promise<string[]> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const files: string[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') files.push(new URL(res.url()).pathname.replace(/^\//, ''));
  });
  await page.goto(base + LAB3);
  await page.waitForFunction(() => (globalThis as { relayLabRestoredAt?: number }).relayLabRestoredAt !== undefined, null, { timeout: 30_000 });
  await page.evaluate(() => (window as unknown as { relayLabRunner: { settled(): Promise<void> } }).relayLabRunner.settled());
  // As bench/lab-page.ts counts the page: the engine's chunk arrives by then without a command.
  await page.waitForLoadState('networkidle');
  await ctx.close();
  return [...new Set(files)];
}

export async function benchBundleSources(browser: Browser, base: string, top = 25): Promise<void> {
  if (!existsSync(CHUNK_MODULES)) {
    console.log(`bundle sources: no ${relative(ROOT, CHUNK_MODULES)} — run \`npx astro build\` first`);
    return;
  }
  const chunks = JSON.parse(readFileSync(CHUNK_MODULES, 'utf8')) as ChunkModules;
  const scripts = await loadedScripts(browser, base);
  const saved = new Map<string, number>();
  const raw = new Map<string, number>();
  let total = 0;
  for (const file of scripts) {
    const mods = chunks[file];
    if (!mods) continue;
    const served = gzipSync(readFileSync(new URL(`../dist/${file}`, import.meta.url))).length;
    total += served;
    const gz = (ms: typeof mods) => gzipSync(ms.map((m) => m.code).join('\n')).length;
    const whole = gz(mods);
    const scale = whole ? served / whole : 0;
    for (const g of new Set(mods.map((m) => sourceGroup(m.id)))) {
      const mine = mods.filter((m) => sourceGroup(m.id) === g);
      saved.set(g, (saved.get(g) ?? 0) + (whole - gz(mods.filter((m) => sourceGroup(m.id) !== g))) * scale);
      raw.set(g, (raw.get(g) ?? 0) + mine.reduce((n, m) => n + m.code.length, 0));
    }
  }
  const rows = [...saved].map(([g, gz]) => ({ g, gz, raw: raw.get(g) ?? 0 })).sort((a, b) => b.gz - a.gz);
  console.log(`lab page JS by source (${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzip as served)`);
  console.log(`${'source'.padEnd(40)} ${'gzip KB'.padStart(8)} ${'unminified KB'.padStart(14)}`);
  for (const r of rows.slice(0, top)) console.log(`${r.g.padEnd(40)} ${(r.gz / 1024).toFixed(1).padStart(8)} ${(r.raw / 1024).toFixed(1).padStart(14)}`);
  const rest = rows.slice(top);
  if (rest.length) console.log(`${`(${rest.length} more)`.padEnd(40)} ${(rest.reduce((s, r) => s + r.gz, 0) / 1024).toFixed(1).padStart(8)}`);
}

// `npx tsx bench/bundle-sources.ts` after `npx astro build`: this table alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const preview = await startSite(Number(process.env.E2E_PORT ?? 4343));
  const browser = await launchChromium();
  try {
    await benchBundleSources(browser, preview.url);
  } finally {
    await browser.close();
    preview.stop();
  }
}
