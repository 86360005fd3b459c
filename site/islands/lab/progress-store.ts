/**
 * Saved lab progress in localStorage, versioned: the seed, every key the
 * learner typed (with whether the terminal was ready for it), answers, hints
 * shown and completed steps. Replaying the keys through the same engine
 * rebuilds the simulation and the scrollback. Anything unreadable or from
 * another version is kept aside with a notice (never deleted, never a blank
 * page), and a save that fails is reported, not swallowed.
 */
import { messages } from '../messages.ts';
import { storageKey } from './storage-key.ts';

export const PROGRESS_VERSION = 1;

// t: the virtual clock when the key was typed. With the world running in the background, replay
// moves the clock there first, so a command meets the same world it met the first time.
export type InputChunk = { d: string; w: boolean; t?: number };
export type LabProgress = {
  v: typeof PROGRESS_VERSION;
  lab: string;
  seed: number;
  log: InputChunk[];
  answers: Record<string, string>;
  hints: Record<string, number>;
  completed: string[];
  startedAt: number;
  finishedAt?: number;
};

// By hand, not with zod, which stays out of the browser bundle (issue 12): exactly these fields,
// nothing else (tests/unit/labs/progress-store.test.ts tries each way of being wrong).
type Fields = Record<string, (x: unknown) => boolean>;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);
const isCount = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;
const isString = (x: unknown) => typeof x === 'string';
const optional = (f: (x: unknown) => boolean) => Object.assign((x: unknown) => x === undefined || f(x), { optional: true });
const record = (f: (x: unknown) => boolean) => (x: unknown) => isObject(x) && Object.values(x).every(f);
const array = (f: (x: unknown) => boolean) => (x: unknown) => Array.isArray(x) && x.every(f);
function exactly(fields: Fields) {
  return (x: unknown): boolean =>
    isObject(x) &&
    Object.keys(x).every((k) => Object.hasOwn(fields, k)) &&
    Object.entries(fields).every(([k, f]) => (Object.hasOwn(x, k) || 'optional' in f) && f(x[k]));
}
const isChunk = exactly({ d: isString, w: (x) => typeof x === 'boolean', t: optional(isNumber) });
const isProgress = exactly({
  v: (x) => x === PROGRESS_VERSION,
  lab: isString,
  seed: isCount,
  log: array(isChunk),
  answers: record(isString),
  hints: record(isCount),
  completed: array(isString),
  startedAt: isNumber,
  finishedAt: optional(isNumber),
}) as (x: unknown) => x is LabProgress;

export { storageKey };

export function freshProgress(lab: string, seed: number, now: number): LabProgress {
  return { v: PROGRESS_VERSION, lab, seed, log: [], answers: {}, hints: {}, completed: [], startedAt: now };
}

export type LoadResult = {
  progress?: LabProgress;
  notice?: string;
  /** False when unreadable data could not be kept aside: saving would overwrite it, so the page must not. */
  canSave: boolean;
};

/** Where data this version cannot read is kept, so it is never deleted. */
export const keptKey = (labId: string, why: string) => `${storageKey(labId)}:kept:${why}`;

/**
 * Load saved progress. Data this page cannot read — damaged, or written by
 * another (newer, unknown) version — is moved aside under `keptKey`, never
 * deleted, and the notice says where it went.
 */
export function loadProgress(storage: Storage, labId: string): LoadResult {
  let raw: string | null;
  try {
    raw = storage.getItem(storageKey(labId));
  } catch {
    return { notice: messages.storageForbidden, canSave: false };
  }
  if (raw === null) return { canSave: true };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return keepAside(storage, labId, raw, 'damaged', (key) => messages.damagedKept(key));
  }
  const version = (data as { v?: unknown } | null)?.v;
  if (version !== PROGRESS_VERSION) {
    const name = messages.versionName(version, typeof version === 'number' && Number.isInteger(version) && version > PROGRESS_VERSION);
    return keepAside(storage, labId, raw, `v${String(version ?? 'unknown')}`, (key) => messages.versionKept(name, key));
  }
  if (!isProgress(data) || data.lab !== labId) return keepAside(storage, labId, raw, 'damaged', (key) => messages.damagedKept(key));
  return { progress: data, canSave: true };
}

function keepAside(storage: Storage, labId: string, raw: string, why: string, notice: (key: string) => string): LoadResult {
  const key = keptKey(labId, why);
  try {
    storage.setItem(key, raw);
    storage.removeItem(storageKey(labId));
    return { notice: notice(key), canSave: true };
  } catch {
    return { notice: messages.keepFailed, canSave: false };
  }
}

export type SaveResult = { ok: true } | { ok: false; why: 'quota' | 'refused' };

/** Save; the caller must tell the learner at once when it fails (issue 9: progress lost quietly). */
export function saveProgress(storage: Storage, p: LabProgress): SaveResult {
  try {
    storage.setItem(storageKey(p.lab), JSON.stringify(p));
    return { ok: true };
  } catch (err) {
    const name = (err as { name?: string } | null)?.name ?? '';
    return { ok: false, why: /quota/i.test(name) || (err as { code?: number }).code === 22 ? 'quota' : 'refused' };
  }
}

/** The attempt as a file the learner can keep when saving fails. */
export function attemptFile(p: LabProgress): { name: string; text: string } {
  return { name: `relaylab-${p.lab}-seed-${p.seed}.json`, text: JSON.stringify(p, null, 1) };
}

export function clearProgress(storage: Storage, labId: string): void {
  try {
    storage.removeItem(storageKey(labId));
  } catch {
    /* nothing saved */
  }
}

/** Append keys, merging runs typed at a ready terminal within one line (keeps the log small). */
export function appendChunk(log: InputChunk[], chunk: InputChunk): void {
  const last = log[log.length - 1];
  if (last && last.w && chunk.w && !last.d.includes('\r')) {
    last.d += chunk.d;
    // The merged keys take effect at the last one (Enter), so keep its time.
    if (chunk.t !== undefined) last.t = chunk.t;
  } else log.push({ ...chunk });
}
