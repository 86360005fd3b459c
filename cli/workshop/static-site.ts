/**
 * The built site (dist/), served by the workshop itself so the lab pages and
 * the progress API share one origin. Directories serve index.html, a missing
 * file the site's 404 page; nothing outside the folder is reachable.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
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

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
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
  // Hashed build assets never change; pages may, with the next build.
  const cache = pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function send404(base: string, res: ServerResponse): void {
  const page = join(base, '404.html');
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  if (isFile(page)) createReadStream(page).pipe(res);
  else res.end('<!doctype html><title>Not found</title><p>Not found.</p>');
}
