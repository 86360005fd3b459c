/**
 * Kill the workshop with SIGKILL mid-class and start it again on the same
 * data file: nothing acknowledged is lost, and the lab pages' outboxes (the
 * page's own code, workshop-outbox.ts) send again what was not acknowledged —
 * each event stored once, including those whose reply the kill swallowed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Outbox } from '../../../site/islands/lab/workshop-outbox.ts';
import { openStore } from '../../../cli/workshop/store.ts';
import { MemoryStorage, fakeSite, post, tempDir } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));
const children: ChildProcess[] = [];

function startWorkshop(port: number, data: string, site: string): Promise<{ proc: ChildProcess; url: string; code: string }> {
  const proc = spawn(process.execPath, [BIN, 'workshop', '--port', String(port), '--data', data, '--site', site], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/[^/\s]+)\//.exec(out)?.[1];
      const code = /Join code: (\S+)/.exec(out)?.[1];
      if (url && code) resolve({ proc, url, code });
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (c) => reject(new Error(`workshop exited (${c}) before listening:\n${out}`)));
  });
}
const exited = (p: ChildProcess) => new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));
const until = async (cond: () => boolean, what: string, ms = 8000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('workshop killed with SIGKILL mid-class', () => {
  it('keeps every acknowledged event; the pages resend the rest, stored once', async () => {
    const data = join(tempDir('relaylab-kill-'), 'class.db');
    const site = fakeSite();
    const first = await startWorkshop(0, data, site);
    const port = Number(new URL(first.url).port);
    const acked = new Set<string>();
    const added: string[] = [];
    // The page's fetch, noting what the workshop acknowledged.
    const noting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (res.ok) for (const id of ((await res.clone().json()) as { stored: string[] }).stored) acked.add(id);
      return res;
    };
    const seats = await Promise.all(Array.from({ length: 10 }, async (_, i) => (await post(`${first.url}/api/join`, { code: first.code, name: `seat ${i}` })).json.token as string));
    const outboxes = seats.map((token) => new Outbox({ storage: new MemoryStorage(), endpoint: `${first.url}/api/progress`, token, fetch: noting, retry: { first: 20, max: 100 } }));
    let n = 0;
    const produce = () => outboxes.forEach((o, i) => added.push(...o.add('close-the-relay', [{ kind: 'hint', step: 'close', detail: `${i}:${n++}` }]).map((e) => e.id)));
    try {
      // Class in progress: events every few ms until a good number are acknowledged, then the kill, mid-stream.
      let producing = true;
      const producer = (async () => {
        while (producing) {
          produce();
          await new Promise((r) => setTimeout(r, 3));
        }
      })();
      await until(() => acked.size >= 150, '150 acknowledged events');
      first.proc.kill('SIGKILL');
      await exited(first.proc);
      const ackedAtKill = new Set(acked);
      // The room goes on while the workshop is down: these wait in the outboxes.
      await new Promise((r) => setTimeout(r, 150));
      producing = false;
      await producer;
      expect(outboxes.some((o) => o.pending().length > 0)).toBe(true);

      const second = await startWorkshop(port, data, site);
      await until(() => outboxes.every((o) => o.pending().length === 0), 'the outboxes to empty after the restart');
      second.proc.kill('SIGTERM');
      await exited(second.proc);

      const store = await openStore({ data });
      const stored = (await store.allEvents()).map((e) => e.id);
      await store.close();
      const storedSet = new Set(stored);
      expect([...ackedAtKill].filter((id) => !storedSet.has(id))).toEqual([]);
      expect(stored.length).toBe(added.length);
      expect(storedSet).toEqual(new Set(added));
    } finally {
      outboxes.forEach((o) => o.stop());
    }
  }, 30_000);
});
