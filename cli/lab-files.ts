/**
 * Reading labs from disk (Node only; the simulator stays free of node:fs).
 * Every folder under labs/ with a lab.json is a lab; the validator gets the
 * text and the list of files beside it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateLab, type ValidationResult } from '../simulator/labs/validate.ts';
import type { Lab } from '../simulator/labs/schema.ts';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const LABS_DIR = join(REPO_ROOT, 'labs');
const LESSONS_DIR = join(REPO_ROOT, 'content', 'lessons');

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, base) : [relative(base, full).split('\\').join('/')];
  });
}

export function labDirs(root = LABS_DIR): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'lab.json')))
    .sort();
}

export type LoadedLab = ValidationResult & { dir: string; path: string };

export function loadLabs(root = LABS_DIR): LoadedLab[] {
  const dirs = labDirs(root);
  const lessons = existsSync(LESSONS_DIR) ? readdirSync(LESSONS_DIR).filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, '')) : undefined;
  return dirs.map((dir) => {
    const path = join(root, dir);
    const file = relative(process.cwd(), join(path, 'lab.json')) || 'lab.json';
    const result = validateLab(
      { dir, file, text: readFileSync(join(path, 'lab.json'), 'utf8'), files: new Set(listFiles(path)) },
      { labs: dirs, lessons },
    );
    return { ...result, dir, path };
  });
}

export function loadLab(id: string, root = LABS_DIR): Lab {
  const found = loadLabs(root).find((l) => l.dir === id);
  if (!found) throw new Error(`no lab "${id}" (known: ${labDirs(root).join(', ') || 'none'})`);
  if (!found.lab) throw new Error(`lab "${id}" is invalid:\n${found.errors.map((e) => `  ${e.file}: ${e.field}: ${e.message}`).join('\n')}`);
  return found.lab;
}

export function readStepText(id: string, file: string, root = LABS_DIR): string {
  return readFileSync(join(root, id, file), 'utf8');
}
