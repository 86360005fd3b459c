/**
 * The build step that writes modulepreload links (site/build/module-preload.ts): every chunk a page's
 * module scripts import statically, transitively, once, in <head>; not the shell engine a script
 * imports dynamically; not the page's own scripts; pages without scripts unchanged. The built lab page
 * itself is checked in Chromium (tests/e2e/workspace.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { staticImports, withModulePreload } from '../../../site/build/module-preload.ts';

const chunks: Record<string, string> = {
  'page.A1.js': 'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./engine.E5.js"])))=>i.map(i=>d[i]);import{_ as e}from"./helper.B2.js";import"./globals.C3.js";e(()=>import("./engine.E5.js"),__vite__mapDeps([0]))',
  'other.A2.js': 'import{t}from"./helper.B2.js";import{s}from"./page.A1.js";t(s)',
  'helper.B2.js': 'import{x}from"./shared.D4.js";export const _=x',
  'globals.C3.js': 'globalThis.Buffer=1',
  'shared.D4.js': 'export const x=1;const s="import\\"./not-a-chunk\\"";',
  'engine.E5.js': 'import"./shared.D4.js";export const big=1',
};
const read = (f: string) => {
  const text = chunks[f];
  if (text === undefined) throw new Error(`no chunk ${f}`);
  return text;
};

describe('modulepreload links', () => {
  it('follows static imports transitively, not dynamic ones', () => {
    expect(staticImports(read, 'page.A1.js').sort()).toEqual(['globals.C3.js', 'helper.B2.js', 'shared.D4.js']);
  });

  it("writes one link per chunk into <head>, none for the page's own scripts", () => {
    const html = '<html><head><title>x</title></head><body><script type="module" src="/_astro/page.A1.js"></script><script type="module" src="/_astro/other.A2.js"></script></body></html>';
    const out = withModulePreload(html, read);
    const head = out.slice(0, out.indexOf('</head>'));
    const links = [...head.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links.sort()).toEqual(['/_astro/globals.C3.js', '/_astro/helper.B2.js', '/_astro/shared.D4.js']);
    expect(out.replace(/<link rel="modulepreload"[^>]+>/g, '')).toBe(html);
  });

  it('leaves a page without module scripts as it is', () => {
    const html = '<html><head></head><body><p>lesson</p></body></html>';
    expect(withModulePreload(html, read)).toBe(html);
  });
});
