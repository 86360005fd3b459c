/** A dist/ shaped like Astro's output for the modules' pages, so packaging is tested without a site build. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ModuleDef } from '../../../site/lms/modules.ts';

const page = (title: string, extra = '') => `<!doctype html><html lang="en"><head><link rel="icon" href="/favicon.svg"><title>${title}</title>
<script type="module" src="/_astro/page.abc123.js"></script></head><body><nav><a href="/">Relay Lab</a> <a href="/#course">Course</a></nav>
<script type="module">import("/_astro/chunk.def456.js")</script>${extra}</body></html>`;

export function fakeDist(mods: readonly ModuleDef[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'relaylab-dist-'));
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  for (const mod of mods) {
    put(`modules/${mod.id}/index.html`, page(mod.title, mod.pages.map((p) => `<a href="/${p}/" data-module-page="${p}">${p}</a>`).join('') + `<a href="/certificate/?module=${mod.id}">certificate</a>`));
    for (const p of mod.pages) put(`${p}/index.html`, page(p, '<a href="/labs/not-in-this-module/">Next lab</a><a href="../../labs/speak-smtp/#top">Speak SMTP</a><a href="../../labs/not-here/">Not here</a>'));
  }
  put('certificate/index.html', page('Certificate'));
  put('_astro/page.abc123.js', 'import("./chunk.def456.js")');
  put('_astro/chunk.def456.js', 'export {}');
  put('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}
