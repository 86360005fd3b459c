import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT as root, astroScripts, filesUnder, withoutComments } from './site-sources.ts';
import { en } from '../../../simulator/i18n/en.ts';
import { en as pageEn, nodeOnlyNamespaces } from '../../../simulator/i18n/en-page.ts';

/**
 * The browser build gets simulator/i18n/en-page.ts instead of en.ts (site/node-shims/vite-aliases.ts):
 * every namespace but the ones only Node speaks. Left out by mistake, a key would show as itself on
 * the page, so this follows the imports of every script the site ships — the <script> blocks of
 * pages and components and all they import — through our own files, and requires
 * that none of them names a key of a left-out namespace (a key named in a file the bundler then
 * drops counts too: the walk errs on the side of keeping keys).
 */

const specifiers = (code: string) => [...code.matchAll(/(?:import|export)\s(?!type\s)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => (m[1] ?? m[2])!);

/** Our own modules the browser loads: relative imports (not type-only ones) followed from the pages' <script> blocks. */
function browserModules(): Map<string, string> {
  const seen = new Map<string, string>();
  const queue: Array<{ from: string; code: string }> = [];
  for (const file of [...filesUnder(join(root, 'site/pages'), /\.astro$/), ...filesUnder(join(root, 'site/components'), /\.astro$/)]) {
    for (const s of astroScripts(readFileSync(file, 'utf8'))) if (!s.inline) queue.push({ from: file, code: s.code });
  }
  while (queue.length) {
    const { from, code } = queue.pop()!;
    if (from.endsWith('.ts')) seen.set(relative(root, from), withoutComments(code));
    for (const spec of specifiers(code)) {
      // As the client build resolves it (browserCatalogue in site/node-shims/vite-aliases.ts).
      const aliased = spec === './en.ts' && from.endsWith('/simulator/i18n/t.ts') ? './en-page.ts' : spec;
      const path = resolve(dirname(from), aliased.replace(/\?.*$/, ''));
      if (!path.endsWith('.ts') || seen.has(relative(root, path)) || !existsSync(path)) continue;
      queue.push({ from: path, code: readFileSync(path, 'utf8') });
    }
  }
  return seen;
}

describe("the page's catalogue", () => {
  it('holds every namespace but the Node-only ones', () => {
    const all = new Set(Object.keys(en).map((k) => k.split('.')[0]!));
    const page = new Set(Object.keys(pageEn).map((k) => k.split('.')[0]!));
    expect([...all].filter((ns) => !page.has(ns)).sort()).toEqual([...nodeOnlyNamespaces].sort());
    for (const [key, message] of Object.entries(pageEn)) expect((en as Record<string, unknown>)[key], key).toBe(message);
  });

  it('covers every key a script of the site names', () => {
    const modules = browserModules();
    expect(modules.has('simulator/grader/grade.ts'), 'the walk reaches the grader through the lab runner').toBe(true);
    expect(modules.has('simulator/i18n/t.ts')).toBe(true);
    const left = Object.keys(en).filter((k) => !(k in pageEn));
    for (const [file, code] of modules) {
      for (const key of left) expect(code.includes(`'${key}'`), `${file} names ${key}, which the page's catalogue leaves out`).toBe(false);
      for (const ns of nodeOnlyNamespaces) expect(code, `${file} builds a ${ns}.* key`).not.toMatch(new RegExp(`\`${ns}\\.`));
    }
  });
});
