/**
 * A build plugin for bench/bundle-sources.ts: which source modules each client chunk holds, with
 * the code rollup rendered for them, written beside the build's cache (not into dist/, which ships).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHUNK_MODULES = fileURLToPath(new URL('../.astro/client-chunks.json', import.meta.url));

export type ChunkModules = Record<string, Array<{ id: string; code: string }>>;

type Chunk = { type: string; fileName: string; modules?: Record<string, { code: string | null }> };

export const chunkModules = {
  name: 'relaylab:chunk-modules',
  generateBundle(this: { environment?: { name: string } }, _opts: unknown, bundle: Record<string, Chunk>) {
    if (this.environment && this.environment.name !== 'client') return;
    const out: ChunkModules = {};
    for (const c of Object.values(bundle)) {
      if (c.type !== 'chunk' || !c.modules) continue;
      out[c.fileName] = Object.entries(c.modules).map(([id, m]) => ({ id, code: m.code ?? '' }));
    }
    if (Object.keys(out).length === 0) return;
    mkdirSync(dirname(CHUNK_MODULES), { recursive: true });
    writeFileSync(CHUNK_MODULES, JSON.stringify(out));
  },
};
