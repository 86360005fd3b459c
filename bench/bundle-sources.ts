/**
 * Where the lab page's JavaScript comes from (issue 12): every script the page loads, engine
 * included, split by source — an npm package, or a folder of ours — with the gzip size of each
 * group's code compressed on its own. Read from the last build's chunk list
 * (bench/chunk-modules.ts), so run it after `npx astro build`. Groups compress a little worse
 * alone than inside their chunks, so the column adds up to a bit more than the page's total.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { CHUNK_MODULES, type ChunkModules } from './chunk-modules.ts';
import { launchChromium, startPreview } from './browser.ts';

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
  const groups = new Map<string, string[]>();
  let total = 0;
  for (const file of scripts) {
    const mods = chunks[file];
    if (!mods) continue;
    total += gzipSync(readFileSync(new URL(`../dist/${file}`, import.meta.url))).length;
    for (const m of mods) {
      const g = sourceGroup(m.id);
      groups.set(g, [...(groups.get(g) ?? []), m.code]);
    }
  }
  const rows = [...groups].map(([g, code]) => ({ g, raw: code.join('\n').length, gz: gzipSync(code.join('\n')).length })).sort((a, b) => b.gz - a.gz);
  console.log(`lab page JS by source (${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzip as served)`);
  console.log(`${'source'.padEnd(40)} ${'gzip KB'.padStart(8)} ${'raw KB'.padStart(8)}`);
  for (const r of rows.slice(0, top)) console.log(`${r.g.padEnd(40)} ${(r.gz / 1024).toFixed(1).padStart(8)} ${(r.raw / 1024).toFixed(1).padStart(8)}`);
  const rest = rows.slice(top);
  if (rest.length) console.log(`${`(${rest.length} more)`.padEnd(40)} ${(rest.reduce((s, r) => s + r.gz, 0) / 1024).toFixed(1).padStart(8)}`);
}

// `npx tsx bench/bundle-sources.ts` after `npx astro build`: this table alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const preview = await startPreview(Number(process.env.E2E_PORT ?? 4343));
  const browser = await launchChromium();
  try {
    await benchBundleSources(browser, preview.url);
  } finally {
    await browser.close();
    preview.stop();
  }
}
