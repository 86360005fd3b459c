/**
 * The site's HTML as a package needs it. Astro writes root-absolute URLs (`/_astro/x.js`,
 * `/labs/speak-smtp/`); inside an LMS the package lives under some folder of the LMS's host, so
 * every URL becomes relative to the page, a page folder is named by its `index.html` (an LMS or a
 * file browser may not map folders to index files), and a link to a page the package does not
 * carry loses its href (it stays as text; following it would leave the package). Scripts find
 * their chunks relative to themselves already (astro.config.mjs, renderBuiltUrl).
 */
import { posix } from 'node:path';

/** `from` and `to` are package paths (`labs/x/index.html`); the result is what `from` links with. */
export function relativeUrl(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel === '' ? posix.basename(to) : rel;
}

/** A root-absolute site URL → the package file it names, or undefined when the package lacks it. */
export function packagePathOf(url: string, files: ReadonlySet<string>): { path: string; rest: string } | undefined {
  const m = /^\/([^?#]*)([?#].*)?$/.exec(url);
  if (!m) return undefined;
  let path = decodeURI(m[1]!);
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return files.has(path) ? { path, rest: m[2] ?? '' } : undefined;
}

export function rewriteHtml(html: string, page: string, files: ReadonlySet<string>): string {
  const base = relativeUrl(page, 'x').replace(/x$/, '');
  // Attributes: href/src with a root-absolute URL (protocol-relative `//host` never appears; the checker refuses it).
  let out = html.replace(/(<[a-zA-Z][^>]*?\s)(href|src)=("|')(\/(?!\/)[^"']*)\3/g, (all, head: string, attr: string, q: string, url: string) => {
    const target = packagePathOf(url, files);
    if (target) return `${head}${attr}=${q}${relativeUrl(page, target.path)}${target.rest}${q}`;
    if (attr === 'href' && /^<a\s/i.test(head)) return head.replace(/\s$/, ' ') + 'data-outside-package=""';
    return all;
  });
  // Inline module scripts Astro wrote with `import "/_astro/…"`.
  out = out.replace(/(["'(])\/_astro\//g, `$1${base}_astro/`);
  return out;
}
