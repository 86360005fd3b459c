/**
 * Bench: the workshop server over loopback HTTP, on SQLite and on PostgreSQL.
 * Progress events stored per second (50 attendees posting batches of 10 as fast
 * as they can) and the p99 latency of one post (one event) with 50 attendees
 * active. A real room posts a few events a minute per attendee; the target is
 * that a post never keeps a page waiting (100 ms at p99).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadLabs } from '../cli/lab-files.ts';
import { openStore } from '../cli/workshop/store.ts';
import { startWorkshopServer } from '../cli/workshop/server.ts';
import type { ProgressStore } from '../cli/workshop/types.ts';
import { report } from './browser.ts';

const ATTENDEES = 50;
const P99_TARGET_MS = 100;
const PG_URL = process.env.RELAYLAB_TEST_DATABASE ?? 'postgres://relaylab:relaylab@127.0.0.1:5432/relaylab_test';

async function run(name: string, store: ProgressStore): Promise<void> {
  const labs = loadLabs().flatMap((l) => (l.lab ? [l.lab] : []));
  const site = mkdtempSync(join(tmpdir(), 'relaylab-bench-site-'));
  const ws = await startWorkshopServer({ store, labs, siteDir: site, host: '127.0.0.1', port: 0 });
  try {
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${ws.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return res.json() as Promise<{ token: string }>;
    };
    const tokens = await Promise.all(Array.from({ length: ATTENDEES }, (_, i) => post('/api/join', { code: ws.joinCode, name: `bench ${i}` }).then((r) => r.token)));
    let n = 0;
    const events = (k: number) => Array.from({ length: k }, () => ({ id: `bench-${name}-${++n}`, lab: 'close-the-relay', step: 'close', kind: 'hint', at: Date.now(), seq: n, detail: '1' }));
    // Throughput: batches of 10.
    const began = performance.now();
    await Promise.all(tokens.map(async (t) => {
      for (let i = 0; i < 20; i++) await post('/api/progress', { sentAt: Date.now(), events: events(10) }, t);
    }));
    const secs = (performance.now() - began) / 1000;
    report(`Workshop, ${name}: events stored/s (${ATTENDEES} attendees, batches of 10)`, (ATTENDEES * 200) / secs, '/s');
    // Latency: one event a post, 50 attendees posting at once.
    const times: number[] = [];
    await Promise.all(tokens.map(async (t) => {
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        await post('/api/progress', { sentAt: Date.now(), events: events(1) }, t);
        times.push(performance.now() - t0);
      }
    }));
    times.sort((a, b) => a - b);
    report(`Workshop, ${name}: p99 of a post, ${ATTENDEES} attendees active`, times[Math.floor(times.length * 0.99)]!, 'ms', P99_TARGET_MS);
  } finally {
    await ws.close();
    await store.close();
  }
}

export async function benchWorkshop(): Promise<void> {
  await run('SQLite', await openStore({ data: join(mkdtempSync(join(tmpdir(), 'relaylab-bench-')), 'w.db') }));
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  try {
    await run('PostgreSQL', await openStore({ database: PG_URL, schema }));
  } catch (err) {
    console.log(`Workshop, PostgreSQL: not measured (${(err as Error).message.split('\n')[0]})`);
    return;
  }
  const client = new pg.Client(PG_URL);
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
