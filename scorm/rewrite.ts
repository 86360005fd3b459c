/**
 * The site's HTML as a package needs it. Astro writes root-absolute URLs (`/_astro/x.js`,
 * `/labs/speak-smtp/`); inside an LMS the package lives under some folder of the LMS's host, so
 * every URL becomes relative to the page, a page folder is named by its `index.html` (an LMS or a
 * file browser may not map folders to index files), and a link to a page the package does not
 * carry loses its href (it stays as text; following it would leave the package). A relative URL
 * the content wrote itself (an MDX link `../../labs/x/`) is read against the page's site URL and
 * treated the same way, so it too names a file, never a folder. Scripts find their chunks
 * relative to themselves already (astro.config.mjs, renderBuiltUrl).
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

/**
 * A URL written relative to the page, as the root-absolute site URL it means (the page is served
 * as its folder, `lessons/x/index.html` at `/lessons/x/`); undefined for anything else (`#frag`,
 * `?query`, a scheme, `//host`, already root-absolute).
 */
export function siteUrlOf(url: string, page: string): string | undefined {
  if (url === '' || /^([#?/]|[a-z][a-z0-9+.-]*:)/i.test(url)) return undefined;
  const m = /^([^?#]*)(.*)$/.exec(url)!;
  const joined = posix.normalize(posix.join(posix.dirname(page), m[1]!)).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../')) return undefined;
  const folder = joined === '.' ? '' : m[1]!.endsWith('/') || /(^|\/)\.\.?$/.test(m[1]!) ? `${joined}/` : joined;
  return `/${folder}${m[2]}`;
}

export function rewriteHtml(html: string, page: string, files: ReadonlySet<string>): string {
  const base = relativeUrl(page, 'x').replace(/x$/, '');
  // Attributes: href/src with a root-absolute URL (protocol-relative `//host` never appears; the checker refuses it), or a relative one.
  let out = html.replace(/(<[a-zA-Z][^>]*?\s)(href|src)=("|')([^"']*)\3/g, (all, head: string, attr: string, q: string, written: string) => {
    const url = /^\/(?!\/)/.test(written) ? written : siteUrlOf(written, page);
    if (url === undefined) return all;
    const target = packagePathOf(url, files);
    if (target) return `${head}${attr}=${q}${relativeUrl(page, target.path)}${target.rest}${q}`;
    if (attr === 'href' && /^<a\s/i.test(head)) return head.replace(/\s$/, ' ') + 'data-outside-package=""';
    return all;
  });
  // Inline module scripts Astro wrote with `import "/_astro/…"`.
  out = out.replace(/(["'(])\/_astro\//g, `$1${base}_astro/`);
  return out;
}
