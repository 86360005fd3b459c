/**
 * Astro renders a page's module scripts where they are declared and leaves their imports to the
 * browser, which finds a chunk's imports only once the chunk has arrived: the lab page's scripts came
 * in two rounds before the prompt. This integration writes `<link rel="modulepreload">` into each
 * built page's <head> for every chunk its module scripts import statically, so all of them are asked
 * for at once. Dynamic imports (the shell engine) are left alone: they load when needed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const ASSETS = '/_astro/';

/** The chunks a built chunk imports statically (`import"./x.js"`, `import{a}from"./x.js"`), transitively. */
export function staticImports(read: (file: string) => string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    for (const m of read(file).matchAll(/(?:\bimport|\bfrom)\s*["']\.\/([^"']+\.js)["']/g)) {
      const dep = m[1]!;
      if (seen.has(dep)) continue;
      seen.add(dep);
      visit(dep);
    }
  };
  visit(entry);
  seen.delete(entry);
  return [...seen];
}

/** The page with modulepreload links for its scripts' static imports, in <head>. */
export function withModulePreload(html: string, read: (file: string) => string): string {
  const scripts = [...html.matchAll(/<script type="module" src="\/_astro\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const deps = [...new Set(scripts.flatMap((s) => staticImports(read, s)))].filter((d) => !scripts.includes(d));
  if (!deps.length) return html;
  const links = deps.map((d) => `<link rel="modulepreload" href="${ASSETS}${d}">`).join('');
  return html.replace('</head>', `${links}</head>`);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

export function modulePreload(): AstroIntegration {
  return {
    name: 'relaylab:module-preload',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const cache = new Map<string, string>();
        const read = (file: string) => cache.get(file) ?? cache.set(file, readFileSync(join(root, '_astro', file), 'utf8')).get(file)!;
        for (const page of htmlFiles(root)) {
          const html = readFileSync(page, 'utf8');
          const out = withModulePreload(html, read);
          if (out !== html) writeFileSync(page, out);
        }
      },
    },
  };
}
