/**
 * `relaylab workshop [--listen ADDR] [--port 4321] [--data FILE] [--database postgres://…]`:
 * the trainer's laptop serves the built site and the progress API on one
 * origin. Loopback unless --listen says otherwise; then it prints the
 * addresses to give the room, and a warning.
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLabs, REPO_ROOT } from '../lab-files.ts';
import type { Lab } from '../../simulator/labs/schema.ts';
import { openStore } from './store.ts';
import { startWorkshopServer } from './server.ts';
import { t } from '../../simulator/i18n/t.ts';
import { parsePort } from '../args.ts';

const usage = () => `${t('cli.workshop.usage')}\n`;

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** The machine's own addresses, for `--listen 0.0.0.0` / `::`. */
export function roomAddresses(host: string, interfaces = networkInterfaces()): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return Object.values(interfaces)
    .flat()
    .filter((a) => a && !a.internal && (a.family === 'IPv4' || host === '::'))
    .map((a) => (a!.family === 'IPv6' ? `[${a!.address}]` : a!.address));
}

/** What the trainer is told at start: stdout the addresses and links, stderr the warning when open to the room. */
export function startupLines(o: { host: string; url: string; port: number; joinCode: string; trainerKey: string; where: string; addresses: string[] }): { out: string[]; err: string[] } {
  const out = [t('cli.workshop.listening', { url: o.url, where: o.where }), t('cli.workshop.join-code', { code: o.joinCode })];
  const err: string[] = [];
  if (isLoopback(o.host)) {
    out.push(t('cli.workshop.loopback', { url: o.url }));
  } else {
    err.push(t('cli.workshop.open-warning', { host: o.host }), t('cli.workshop.open-advice'));
    for (const a of o.addresses) out.push(t('cli.workshop.give-room', { address: a, port: o.port, code: o.joinCode }));
  }
  out.push(t('cli.workshop.trainer', { url: o.url, key: o.trainerKey }));
  return { out, err };
}

export async function workshopCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, strict: true, options: { listen: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' }, site: { type: 'string' } } }).values;
  } catch (err) {
    process.stderr.write(`relaylab workshop: ${(err as Error).message}\n${usage()}`);
    return 2;
  }
  const host = values.listen ?? '127.0.0.1';
  const port = parsePort(values.port, 4321);
  if (port === undefined) {
    process.stderr.write(`relaylab workshop: ${t('cli.bad-port', { value: String(values.port) })}\n${usage()}`);
    return 2;
  }
  if (values.database && !/^postgres(ql)?:\/\//.test(values.database)) {
    process.stderr.write(`relaylab workshop: ${t('cli.workshop.bad-database')}\n${usage()}`);
    return 2;
  }
  const siteDir = values.site ?? join(REPO_ROOT, 'dist');
  if (!existsSync(join(siteDir, 'index.html'))) {
    process.stderr.write(`relaylab workshop: ${t('cli.no-site', { dir: siteDir })}\n`);
    return 1;
  }
  const labs: Lab[] = loadLabs().flatMap((l) => (l.lab ? [l.lab] : []));
  const dataFile = values.data ?? 'relaylab-workshop.db';
  let store;
  try {
    store = await openStore({ data: dataFile, database: values.database });
  } catch (err) {
    process.stderr.write(`relaylab workshop: ${t('cli.workshop.no-store', { error: (err as Error).message })}\n`);
    return 1;
  }
  let ws;
  try {
    ws = await startWorkshopServer({ store, labs, siteDir, host, port });
  } catch (err) {
    await store.close();
    process.stderr.write(`relaylab workshop: ${t('cli.cannot-listen', { host, port, error: (err as Error).message })}\n`);
    return 1;
  }
  const where = values.database ? t('cli.workshop.store-postgres', { url: values.database.replace(/\/\/[^@/]*@/, '//…@') }) : t('cli.workshop.store-sqlite', { file: dataFile });
  const lines = startupLines({ host, url: ws.url, port: ws.port, joinCode: ws.joinCode, trainerKey: ws.trainerKey, where, addresses: roomAddresses(host) });
  process.stdout.write(lines.out.map((l) => l + '\n').join(''));
  process.stderr.write(lines.err.map((l) => l + '\n').join(''));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await ws.close();
  await store.close();
  return 0;
}
