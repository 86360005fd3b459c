/**
 * A lab's status on the course map, from the progress the lab page saved in this browser
 * (`relaylab:lab:ID`, islands/lab/progress-store.ts): done once every step passed at one grading
 * (`finishedAt`), in progress once anything was typed, answered or passed, else not started.
 * Read leniently and without the lab page's code: the home page stays small, and a record it
 * cannot read counts as started (the lab page says what happened to it).
 */
import { storageKey } from '../lab/storage-key.ts';

export type LabState = 'not-started' | 'in-progress' | 'done';

export function labState(storage: Pick<Storage, 'getItem'>, lab: string): LabState {
  let raw: string | null;
  try {
    raw = storage.getItem(storageKey(lab));
  } catch {
    return 'not-started';
  }
  if (raw === null) return 'not-started';
  try {
    const p = JSON.parse(raw) as { finishedAt?: unknown; log?: unknown[]; completed?: unknown[]; answers?: object };
    if (typeof p.finishedAt === 'number') return 'done';
    const touched = (p.log?.length ?? 0) > 0 || (p.completed?.length ?? 0) > 0 || Object.keys(p.answers ?? {}).length > 0;
    return touched ? 'in-progress' : 'not-started';
  } catch {
    return 'in-progress';
  }
}

/** Where Continue goes: the first lab in progress, else the first not started after the last done one, else the first not done. */
export function courseStatus<L extends { id: string }>(storage: Pick<Storage, 'getItem'>, labs: readonly L[]): { lab?: L; started: boolean; any: boolean } {
  const states = labs.map((l) => labState(storage, l.id));
  const any = states.some((s) => s !== 'not-started');
  const going = states.indexOf('in-progress');
  if (going >= 0) return { lab: labs[going], started: true, any };
  const lastDone = states.lastIndexOf('done');
  const after = states.findIndex((s, i) => i > lastDone && s === 'not-started');
  const i = after >= 0 ? after : states.indexOf('not-started');
  return { lab: i >= 0 ? labs[i] : undefined, started: false, any };
}
