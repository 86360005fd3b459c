/**
 * Outside an LMS: the completion record of a module, read from what this browser saved (the
 * module's record and each lab's attempt), for the certificate page and as JSON a trainer can
 * collect. Labs count as done when their attempt says they were completed (`finishedAt`, set
 * when every step passed at once).
 */
import type { ModuleDef, ModulePage } from './modules.ts';
import { figures } from './module-state.ts';
import { readSavedLab, readSavedModule } from './saved-module.ts';

export type RecordPage = { page: ModulePage; kind: 'lesson' | 'lab'; title: string; name?: string; steps?: { id: string; title: string }[] };
export type CompletionRecord = {
  format: 'relaylab-completion/1';
  module: string;
  title: string;
  learner: string;
  complete: boolean;
  completedAt?: string;
  score: number;
  pages: {
    page: string;
    title: string;
    done: boolean;
    lab?: { seed?: number; steps: { id: string; title: string; passed: boolean }[]; completedAt?: string };
  }[];
};

type SavedLab = { seed?: number; completed?: string[]; finishedAt?: number };

export function completionRecord(mod: ModuleDef, pages: readonly RecordPage[], storage: Storage, learner: string): CompletionRecord {
  const state = readSavedModule(storage, mod);
  const out: CompletionRecord['pages'] = [];
  for (const p of pages) {
    if (p.kind === 'lesson') {
      out.push({ page: p.page, title: p.title, done: Boolean(state.pages[p.page]?.done) });
      continue;
    }
    const lab = readSavedLab<SavedLab>(storage, p.page);
    const passed = new Set(lab?.completed ?? []);
    const done = Boolean(state.pages[p.page]?.done || lab?.finishedAt);
    // The module's figures come from the same records the player keeps, filled in from the labs' own saves.
    state.pages[p.page] = { done, passed: done ? p.steps!.length : passed.size, total: p.steps!.length };
    out.push({
      page: p.page,
      title: p.title,
      done,
      lab: {
        seed: lab?.seed,
        steps: p.steps!.map((s) => ({ id: s.id, title: s.title, passed: done || passed.has(s.id) })),
        completedAt: lab?.finishedAt ? new Date(lab.finishedAt).toISOString() : undefined,
      },
    });
  }
  const f = figures(mod, state);
  const times = [state.finishedAt, ...out.map((p) => (p.lab?.completedAt ? Date.parse(p.lab.completedAt) : undefined))].filter((t): t is number => typeof t === 'number');
  return {
    format: 'relaylab-completion/1',
    module: mod.id,
    title: mod.title,
    learner,
    complete: f.completed,
    completedAt: f.completed && times.length ? new Date(Math.max(...times)).toISOString() : undefined,
    score: Math.round(f.score * 100),
    pages: out,
  };
}
