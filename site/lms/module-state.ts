/**
 * What a module remembers for one learner: where they are, each page's record (a lesson read; a
 * lab's steps passing now, and whether it was ever complete — a latch, so a completion once
 * reported is never taken back), and each lab's saved attempt (the lab page's own progress
 * record, site/islands/lab/progress-store.ts, replayed on resume). From it come the figures the
 * LMS is told: progress, score, completion.
 */
import { pageKind, type ModuleDef, type ModulePage } from './modules.ts';

export type PageRecord = { done: boolean; passed?: number; total?: number };
export type ModuleState = {
  v: 1;
  module: string;
  /** The page to resume at. */
  at: ModulePage;
  pages: Partial<Record<ModulePage, PageRecord>>;
  /** Lab id → its saved attempt, as the lab page stores it (JSON). */
  labs: Record<string, string>;
  finishedAt?: number;
};

export function freshState(mod: ModuleDef): ModuleState {
  return { v: 1, module: mod.id, at: mod.pages[0]!, pages: {}, labs: {} };
}

/** A lesson counts as done once shown. */
export function lessonShown(state: ModuleState, page: ModulePage): void {
  state.pages[page] = { done: true };
}

/** A lab's grading, as the lab page reported it: done latches. */
export function labGraded(state: ModuleState, page: ModulePage, v: { passed: number; total: number; complete: boolean }): void {
  const was = state.pages[page];
  state.pages[page] = { done: Boolean(was?.done) || v.complete, passed: v.passed, total: v.total };
}

export type Figures = { progress: number; score: number; completed: boolean; steps: { passed: number; total: number } };

export function figures(mod: ModuleDef, state: ModuleState): Figures {
  let done = 0;
  let passed = 0;
  let total = 0;
  for (const page of mod.pages) {
    const rec = state.pages[page];
    if (rec?.done) done++;
    if (pageKind(page) !== 'lab') continue;
    // A lab not opened yet counts with its steps, where the module knows them: the score is of the whole module.
    const t = rec?.total ?? mod.labSteps?.[page] ?? 0;
    total += t;
    // A lab once complete counts in full: the score never falls below what was reported complete.
    passed += rec?.done ? t : Math.min(rec?.passed ?? 0, t);
  }
  const completed = done === mod.pages.length;
  const score = total ? passed / total : completed ? 1 : 0;
  return { progress: mod.pages.length ? done / mod.pages.length : 1, score, completed, steps: { passed, total } };
}
