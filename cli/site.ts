/**
 * `relaylab site [--port 4321] [--listen ADDR] [--dir DIR]`: the built site on its own, as a static host
 * would serve it (cli/static-site.ts): what `npm start` runs, and what the browser tests and benchmarks
 * load. Loopback unless --listen says otherwise.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './lab-files.ts';
import { serveStatic } from './static-site.ts';
import { parsePort } from './args.ts';
import { t } from '../simulator/i18n/t.ts';

const usage = () => `${t('cli.site.usage')}\n`;

/** Serves `dir` on host:port; resolves with the address once listening. */
export function startSiteServer(dir: string, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      return void res.end(`${t('cli.site.method-not-allowed', { method: req.method ?? '' })}\n`);
    }
    serveStatic(dir, req, res, new URL(req.url ?? '/', 'http://site').pathname);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({ server, url: `http://${shown}:${typeof addr === 'object' && addr ? addr.port : port}` });
    });
  });
}

export async function siteCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, strict: true, options: { listen: { type: 'string' }, port: { type: 'string' }, dir: { type: 'string' } } }).values;
  } catch (err) {
    process.stderr.write(`relaylab site: ${(err as Error).message}\n${usage()}`);
    return 2;
  }
  const host = values.listen ?? '127.0.0.1';
  const port = parsePort(values.port, 4321);
  if (port === undefined) {
    process.stderr.write(`relaylab site: ${t('cli.bad-port', { value: String(values.port) })}\n${usage()}`);
    return 2;
  }
  const dir = values.dir ?? join(REPO_ROOT, 'dist');
  if (!existsSync(join(dir, 'index.html'))) {
    process.stderr.write(`relaylab site: ${t('cli.no-site', { dir })}\n`);
    return 1;
  }
  let started;
  try {
    started = await startSiteServer(dir, host, port);
  } catch (err) {
    process.stderr.write(`relaylab site: ${t('cli.cannot-listen', { host, port, error: (err as Error).message })}\n`);
    return 1;
  }
  process.stdout.write(`${t('cli.site.listening', { url: started.url })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await new Promise<void>((resolve) => started.server.close(() => resolve()));
  return 0;
}
