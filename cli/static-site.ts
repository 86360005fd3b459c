/**
 * The built site (dist/) as a static host serves it: by `relaylab site` (what `npm start` runs) and
 * by the workshop, so its lab pages and progress API share one origin. Directories serve index.html,
 * a missing file the site's 404 page; nothing outside the folder is reachable. Hashed build assets
 * are cached for good and pages revalidated, so a second visit loads no script again.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** `pageHead`: markup added to every page's <head> (the workshop marks its pages); without it pages are sent as built. */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string, pageHead = ''): void {
  const base = resolve(root);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    rel = '/';
  }
  const target = resolve(join(base, rel));
  if (target !== base && !target.startsWith(base + sep)) return send404(base, res);
  let file = target;
  if (existsSync(target) && statSync(target).isDirectory()) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { location: pathname + '/' });
      res.end();
      return;
    }
    file = join(target, 'index.html');
  }
  if (!isFile(file)) return send404(base, res);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (extname(file) === '.html') return sendPage(file, req, res, pageHead);
  // Hashed build assets never change; pages may, with the next build.
  const cache = pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

/**
 * Pages say they are served by a workshop with a meta tag, so a lab page on any other server
 * (a CDN, a SCORM package) never asks for the workshop API and starts without waiting for it.
 */
export const WORKSHOP_META = '<meta name="relaylab-workshop" content="1">';

function sendPage(file: string, req: IncomingMessage, res: ServerResponse, pageHead: string): void {
  const html = readFileSync(file, 'utf8').replace(/<head([^>]*)>/i, (m) => m + pageHead);
  const body = Buffer.from(html, 'utf8');
  res.writeHead(200, { 'content-type': TYPES['.html']!, 'content-length': body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function send404(base: string, res: ServerResponse): void {
  const page = join(base, '404.html');
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  if (isFile(page)) createReadStream(page).pipe(res);
  else res.end('<!doctype html><title>Not found</title><p>Not found.</p>');
}
