/** Shared by the workshop tests: an in-memory Storage, a site folder, the shipped labs, HTTP calls. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLabs } from '../../../cli/lab-files.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';

export class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A stand-in for dist/: the server's static half is not what these tests are about. */
export function fakeSite(): string {
  const dir = tempDir('relaylab-site-');
  mkdirSync(join(dir, 'labs', 'speak-smtp'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Relay Lab</title>');
  writeFileSync(join(dir, 'labs', 'speak-smtp', 'index.html'), '<!doctype html><title>Lab</title>');
  return dir;
}

export const shippedLabs = (): Lab[] => loadLabs().flatMap((l) => (l.lab ? [l.lab] : []));

export async function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** Run `tasks` with at most `limit` in flight. */
export async function bounded<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}
