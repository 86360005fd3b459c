/**
 * SCORM packages from the built site (dist/): per module (site/lms/modules.ts) and edition, the
 * module's launch page (the player), its pages, the certificate page, every script chunk of the
 * build (the simulator included) and the favicon — HTML rewritten to relative URLs (rewrite.ts)
 * — plus imsmanifest.xml and the edition's schema files at the zip root.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { allModules, type LabInfo, type ModuleDef } from '../site/lms/modules.ts';
import { EDITIONS, manifestXml, schemaSet, type Edition } from './manifest.ts';
import { rewriteHtml } from './rewrite.ts';

export const SCHEMAS_DIR = new URL('./schemas/', import.meta.url).pathname;

export type Package = { module: ModuleDef; edition: Edition; name: string; launch: string; files: Map<string, Uint8Array> };

function walk(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, root));
    else out.push(relative(root, full).split('\\').join('/'));
  }
  return out;
}

/** The labs as the module list needs them, from labs/<id>/lab.json. */
export function readLabInfos(labsDir: string): LabInfo[] {
  return readdirSync(labsDir)
    .filter((d) => existsSync(join(labsDir, d, 'lab.json')))
    .sort()
    .map((d) => {
      const lab = JSON.parse(readFileSync(join(labsDir, d, 'lab.json'), 'utf8')) as LabInfo;
      return { id: lab.id, title: lab.title, audience: lab.audience, teaches: lab.teaches };
    });
}

export const packageName = (moduleId: string, edition: Edition) => `relaylab-${moduleId}-scorm-${edition.replace('.', 'p')}`;

export function buildPackage(dist: string, mod: ModuleDef, edition: Edition): Package {
  const launch = `modules/${mod.id}/index.html`;
  const pages = [launch, ...mod.pages.map((p) => `${p}/index.html`), 'certificate/index.html'];
  for (const p of pages) if (!existsSync(join(dist, p))) throw new Error(`module ${mod.id}: ${p} is not in ${dist} (run astro build)`);
  const assets = walk(join(dist, '_astro')).map((f) => `_astro/${f}`);
  const content = [...pages, ...assets, 'favicon.svg'];
  const present = new Set(content);
  const files = new Map<string, Uint8Array>();
  for (const path of content) {
    const bytes = readFileSync(join(dist, path));
    files.set(path, path.endsWith('.html') ? strToU8(rewriteHtml(strFromU8(bytes), path, present)) : new Uint8Array(bytes));
  }
  const set = schemaSet(edition);
  // Only the schema files: a folder's licence note stays in the repository.
  for (const schema of walk(join(SCHEMAS_DIR, set))) {
    if (!/\.(xsd|dtd)$/.test(schema)) continue;
    files.set(schema, new Uint8Array(readFileSync(join(SCHEMAS_DIR, set, schema))));
  }
  files.set('imsmanifest.xml', strToU8(manifestXml({ id: mod.id, title: mod.title, launch, files: content, edition })));
  return { module: mod, edition, name: packageName(mod.id, edition), launch, files };
}

/** content/tracks.json beside labs/, if the course has one. */
export function readTracksFile(labsDir: string): unknown {
  const file = join(labsDir, '..', 'content', 'tracks.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Every module × edition (or the ones asked for). */
export function buildPackages(opts: { dist: string; labsDir: string; modules?: readonly string[]; editions?: readonly Edition[] }): Package[] {
  const all = allModules(readLabInfos(opts.labsDir), readTracksFile(opts.labsDir));
  const unknown = (opts.modules ?? []).filter((m) => !all.some((x) => x.id === m));
  if (unknown.length) throw new Error(`unknown module ${unknown.join(', ')}; modules: ${all.map((m) => m.id).join(', ')}`);
  const mods = opts.modules?.length ? all.filter((m) => opts.modules!.includes(m.id)) : all;
  return mods.flatMap((mod) => (opts.editions ?? EDITIONS).map((e) => buildPackage(opts.dist, mod, e)));
}

export function zipPackage(p: Package): Uint8Array {
  // Fixed dates: the same build gives the same zip.
  const mtime = new Date('2026-01-01T00:00:00Z');
  const tree: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, bytes] of [...p.files].sort(([a], [b]) => (a === 'imsmanifest.xml' ? -1 : b === 'imsmanifest.xml' ? 1 : a.localeCompare(b)))) tree[path] = [bytes, { mtime }];
  return zipSync(tree, { level: 9 });
}

export const isPackagePath = (path: string) => /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) && !path.split('/').includes('..');
