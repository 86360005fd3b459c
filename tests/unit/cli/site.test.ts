/**
 * `relaylab site` (what `npm start` runs): the built site as a static host serves it. Hashed assets are
 * cached for good, so a second visit asks for no script again; pages are revalidated, so a new build
 * shows at once; nothing outside the folder is reachable; only loopback by default. A made-up site in
 * a temporary folder; the server binds loopback on a free port.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { siteCommand, startSiteServer } from '../../../cli/site.ts';

let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaylab-site-'));
  mkdirSync(join(dir, '_astro'));
  mkdirSync(join(dir, 'labs', 'one'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><head><title>Home</title></head><p>home</p>');
  writeFileSync(join(dir, 'labs', 'one', 'index.html'), '<!doctype html><head><title>Lab</title></head><p>lab one</p>');
  writeFileSync(join(dir, '404.html'), '<!doctype html><p>no such page</p>');
  writeFileSync(join(dir, '_astro', 'page.Ab12Cd.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  ({ server, url } = await startSiteServer(dir, '127.0.0.1', 0));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('relaylab site', () => {
  it('caches hashed build assets for good and revalidates everything else', async () => {
    const asset = await fetch(`${url}/_astro/page.Ab12Cd.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const page = await fetch(`${url}/labs/one/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${url}/favicon.svg`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('sends pages as built: no workshop mark, which would make a lab page ask for the workshop API', async () => {
    expect(await (await fetch(`${url}/labs/one/`)).text()).toBe('<!doctype html><head><title>Lab</title></head><p>lab one</p>');
  });

  it('a folder without its slash redirects; an unknown path gets the site 404 page; a path outside is refused', async () => {
    const bare = await fetch(`${url}/labs/one`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/labs/one/');
    const missing = await fetch(`${url}/labs/two/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('no such page');
    expect((await fetch(`${url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });

  it('serves GET and HEAD only, and says so', async () => {
    const post = await fetch(`${url}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.text()).toBe('POST is not served here: the site is static (GET and HEAD only)\n');
    const head = await fetch(`${url}/_astro/page.Ab12Cd.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('binds loopback unless told otherwise', () => {
    const addr = server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  });

  it('refuses a bad port, a missing site and a port in use, saying why', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await siteCommand(['--port', 'lots'])).toBe(2);
      expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/^relaylab site: --port must be a port number, not 'lots'\nusage: relaylab site/);
      expect(await siteCommand(['--port', '0', '--dir', join(dir, 'nowhere')])).toBe(1);
      expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/the built site is missing .*nowhere\); run `npm run build` first/);
      const port = (server.address() as { port: number }).port;
      expect(await siteCommand(['--port', String(port), '--dir', dir])).toBe(1);
      expect(String(err.mock.calls.at(-1)?.[0])).toMatch(new RegExp(`^relaylab site: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
    } finally {
      err.mockRestore();
    }
  });
});
