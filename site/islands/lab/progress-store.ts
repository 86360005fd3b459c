/**
 * Saved lab progress in localStorage, versioned: the seed, every key the
 * learner typed (with whether the terminal was ready for it), answers, hints
 * shown and completed steps. Replaying the keys through the same engine
 * rebuilds the simulation and the scrollback. Anything unreadable or from
 * another version is discarded with a notice — never a blank page.
 */
import { z } from 'zod';

export const PROGRESS_VERSION = 1;

// t: the virtual clock when the key was typed. With the world running in the background, replay
// moves the clock there first, so a command meets the same world it met the first time.
const ChunkSchema = z.object({ d: z.string(), w: z.boolean(), t: z.number().optional() }).strict();
const ProgressSchema = z
  .object({
    v: z.literal(PROGRESS_VERSION),
    lab: z.string(),
    seed: z.number().int().min(0),
    log: z.array(ChunkSchema),
    answers: z.record(z.string()),
    hints: z.record(z.number().int().min(0)),
    completed: z.array(z.string()),
    startedAt: z.number(),
    finishedAt: z.number().optional(),
  })
  .strict();

export type InputChunk = z.infer<typeof ChunkSchema>;
export type LabProgress = z.infer<typeof ProgressSchema>;

export const storageKey = (labId: string) => `relaylab:lab:${labId}`;

export function freshProgress(lab: string, seed: number, now: number): LabProgress {
  return { v: PROGRESS_VERSION, lab, seed, log: [], answers: {}, hints: {}, completed: [], startedAt: now };
}

export function loadProgress(storage: Storage, labId: string): { progress?: LabProgress; notice?: string } {
  let raw: string | null;
  try {
    raw = storage.getItem(storageKey(labId));
  } catch {
    return { notice: 'Your browser does not allow saving progress here; this attempt will not survive a reload.' };
  }
  if (raw === null) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    storage.removeItem(storageKey(labId));
    return { notice: 'Saved progress for this lab could not be read and was discarded. You are starting afresh.' };
  }
  const version = (data as { v?: unknown } | null)?.v;
  const parsed = ProgressSchema.safeParse(data);
  if (!parsed.success || parsed.data.lab !== labId) {
    storage.removeItem(storageKey(labId));
    const why = version !== PROGRESS_VERSION ? 'came from an older version of Relay Lab' : 'was damaged';
    return { notice: `Saved progress for this lab ${why} and was discarded. You are starting afresh.` };
  }
  return { progress: parsed.data };
}

export function saveProgress(storage: Storage, p: LabProgress): void {
  try {
    storage.setItem(storageKey(p.lab), JSON.stringify(p));
  } catch {
    // Full or forbidden storage: the lab still works, it just will not survive a reload.
  }
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
