/**
 * Reading labs from disk (Node only; the simulator stays free of node:fs).
 * Every folder under labs/ with a lab.json is a lab; the validator gets the
 * text and the list of files beside it.
 *
 * A lab validates the same wherever its folder is: `summary.next` may name
 * any lab beside it (its sibling folders) or any shipped lab (labs/), so a
 * lab copied out of the repository keeps pointing at the shipped ones.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateLab, type ValidationResult } from '../simulator/labs/validate.ts';
import type { Lab } from '../simulator/labs/schema.ts';
import { formatLabError, type LabError } from '../simulator/labs/friendly-errors.ts';
import { t } from '../simulator/i18n/t.ts';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const LABS_DIR = join(REPO_ROOT, 'labs');
const LESSONS_DIR = join(REPO_ROOT, 'content', 'lessons');

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, base) : [relative(base, full).split('\\').join('/')];
  });
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** A path as errors show it: relative to the working directory when inside it, else absolute. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
}

export function labDirs(root = LABS_DIR): string[] {
  if (!isDir(root)) return [];
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'lab.json')))
    .sort();
}

export type LoadedLab = ValidationResult & { dir: string; path: string };

function knownLessons(): string[] | undefined {
  return existsSync(LESSONS_DIR) ? readdirSync(LESSONS_DIR).filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, '')) : undefined;
}

/** Validate the lab in folder `path` (which holds its lab.json). */
export function loadLabAt(path: string, lessons = knownLessons()): LoadedLab {
  const dir = basename(path);
  const labs = [...new Set([...labDirs(dirname(path)), ...labDirs(LABS_DIR)])];
  const result = validateLab(
    { dir, file: shownPath(join(path, 'lab.json')), text: readFileSync(join(path, 'lab.json'), 'utf8'), files: new Set(listFiles(path)) },
    { labs, lessons },
  );
  return { ...result, dir, path };
}

export function loadLabs(root = LABS_DIR): LoadedLab[] {
  const lessons = knownLessons();
  return labDirs(root).map((dir) => loadLabAt(join(root, dir), lessons));
}

/** Folders under a folder of labs that hold no lab.json (a lab whose definition is missing or misnamed). */
export function foldersWithoutLab(root: string): LabError[] {
  if (!isDir(root)) return [];
  return readdirSync(root)
    .filter((d) => !d.startsWith('.') && isDir(join(root, d)) && !existsSync(join(root, d, 'lab.json')))
    .sort()
    .map((d) => ({ file: shownPath(join(root, d, 'lab.json')), field: t('labs.json.file'), message: t('cli.files.folder-without-lab', { folder: d }) }));
}

/**
 * What `relaylab labs validate PATH` means by PATH: a lab folder, its
 * lab.json, or a folder of lab folders. Anything else is an error sentence.
 */
export type ValidateTarget = { kind: 'lab'; path: string } | { kind: 'labs'; path: string } | { kind: 'none'; error: LabError };

export function validateTarget(path: string): ValidateTarget {
  const full = resolve(path);
  const shown = shownPath(full);
  if (!existsSync(full)) return { kind: 'none', error: { file: shown, field: t('cli.files.path-field'), message: t('cli.files.no-such-path') } };
  if (!isDir(full)) {
    if (basename(full) === 'lab.json') return { kind: 'lab', path: dirname(full) };
    return { kind: 'none', error: { file: shown, field: t('cli.files.path-field'), message: t('cli.files.is-a-file') } };
  }
  if (existsSync(join(full, 'lab.json'))) return { kind: 'lab', path: full };
  if (labDirs(full).length > 0) return { kind: 'labs', path: full };
  const empty = readdirSync(full).filter((f) => !f.startsWith('.')).length === 0;
  return {
    kind: 'none',
    error: {
      file: shownPath(join(full, 'lab.json')),
      field: t('labs.json.file'),
      message: t(empty ? 'cli.files.empty-folder' : 'cli.files.no-lab-here'),
    },
  };
}

export function loadLab(id: string, root = LABS_DIR): Lab {
  if (!existsSync(join(root, id, 'lab.json'))) throw new Error(t('cli.files.no-lab', { id, known: labDirs(root).join(', ') || t('cli.files.none') }));
  const found = loadLabAt(join(root, id));
  if (!found.lab) throw new Error(t('cli.files.invalid-lab', { id, errors: found.errors.map((e) => `  ${formatLabError(e)}`).join('\n') }));
  return found.lab;
}

export function readStepText(id: string, file: string, root = LABS_DIR): string {
  return readFileSync(join(root, id, file), 'utf8');
}
