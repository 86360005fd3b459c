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

const USAGE = 'usage: relaylab workshop [--listen ADDR] [--port 4321] [--data FILE] [--database postgres://…]\n';

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** The machine's own addresses, for `--listen 0.0.0.0` / `::`. */
function roomAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && (a.family === 'IPv4' || host === '::'))
    .map((a) => (a!.family === 'IPv6' ? `[${a!.address}]` : a!.address));
}

export async function workshopCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, strict: true, options: { listen: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' }, site: { type: 'string' } } }).values;
  } catch (err) {
    process.stderr.write(`relaylab workshop: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const host = values.listen ?? '127.0.0.1';
  const port = Number(values.port ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`relaylab workshop: --port must be a port number, not '${values.port}'\n${USAGE}`);
    return 2;
  }
  if (values.database && !/^postgres(ql)?:\/\//.test(values.database)) {
    process.stderr.write(`relaylab workshop: --database takes a postgres://… URL\n${USAGE}`);
    return 2;
  }
  const siteDir = values.site ?? join(REPO_ROOT, 'dist');
  if (!existsSync(join(siteDir, 'index.html'))) {
    process.stderr.write(`relaylab workshop: the built site is missing (${siteDir}); run \`npm run build\` first\n`);
    return 1;
  }
  const labs: Lab[] = loadLabs().flatMap((l) => (l.lab ? [l.lab] : []));
  const dataFile = values.data ?? 'relaylab-workshop.db';
  let store;
  try {
    store = await openStore({ data: dataFile, database: values.database });
  } catch (err) {
    process.stderr.write(`relaylab workshop: cannot open the progress store: ${(err as Error).message}\n`);
    return 1;
  }
  let ws;
  try {
    ws = await startWorkshopServer({ store, labs, siteDir, host, port });
  } catch (err) {
    await store.close();
    process.stderr.write(`relaylab workshop: cannot listen on ${host}:${port}: ${(err as Error).message}\n`);
    return 1;
  }
  const out = (s: string) => process.stdout.write(s + '\n');
  const where = values.database ? `PostgreSQL ${values.database.replace(/\/\/[^@/]*@/, '//…@')}` : `SQLite file ${dataFile}`;
  out(`Relay Lab workshop listening on ${ws.url}/ (progress: ${where})`);
  out(`Join code: ${ws.joinCode}`);
  if (isLoopback(host)) {
    out(`Attendees: ${ws.url}/workshop/join/ — loopback only: no other machine can reach it (--listen ADDR opens it to the room).`);
  } else {
    process.stderr.write(
      `Warning: listening on ${host}: every machine that can reach this one can open the site and join with the code.\n` +
        `Use it on the room's own network only; the trainer link below is the only secret — do not project it.\n`,
    );
    for (const a of roomAddresses(host)) out(`Give the room: http://${a}:${ws.port}/workshop/join/  (join code ${ws.joinCode})`);
  }
  out(`Trainer view (keep this link to yourself): ${ws.url}/workshop/trainer/?key=${ws.trainerKey}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await ws.close();
  await store.close();
  return 0;
}
