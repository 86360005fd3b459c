/**
 * Outside an LMS, a module's record in this browser (`relaylab:module:ID`): what the player keeps,
 * what the certificate reads, and where a lesson read on its own page is marked. The pages that
 * write it (the player, a lesson page, another tab) do not see each other's changes, so a writer
 * first merges what is saved: a page once done stays done.
 */
import { freshState, lessonShown, type ModuleState } from './module-state.ts';
import { pageKind, type ModuleDef, type ModulePage } from './modules.ts';
import { storageKey } from '../islands/lab/storage-key.ts';

export const moduleStorageKey = (id: string) => `relaylab:module:${id}`;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function readJson<T>(storage: Pick<Storage, 'getItem'>, key: string): T | undefined {
  try {
    return (JSON.parse(storage.getItem(key) ?? 'null') as T | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The saved record of the module, or a fresh one (the labs' attempts are not in it: they keep their own keys). */
export function readSavedModule(storage: Pick<Storage, 'getItem'>, mod: Pick<ModuleDef, 'id' | 'pages'>): ModuleState {
  const saved = readJson<ModuleState>(storage, moduleStorageKey(mod.id));
  return saved?.v === 1 && saved.module === mod.id && typeof saved.pages === 'object' ? { ...saved, labs: {} } : freshState(mod as ModuleDef);
}

/** What a lab page saved of its attempt (`relaylab:lab:ID`, islands/lab/progress-store.ts), read leniently. */
export function readSavedLab<T extends object>(storage: Pick<Storage, 'getItem'>, page: ModulePage): Partial<T> | undefined {
  return readJson<Partial<T>>(storage, storageKey(page.slice('labs/'.length)));
}

/** A lab counts as done once its own save says every step passed (`finishedAt`), wherever it was taken. */
export function labFinished(storage: Pick<Storage, 'getItem'>, page: ModulePage): boolean {
  return typeof readSavedLab<{ finishedAt: unknown }>(storage, page)?.finishedAt === 'number';
}

/** Adds to `state` what the browser saved since: pages done in the saved record, labs finished on their own pages. */
export function mergeSaved(state: ModuleState, mod: Pick<ModuleDef, 'id' | 'pages' | 'labSteps'>, storage: Pick<Storage, 'getItem'>): void {
  const saved = readSavedModule(storage, mod);
  for (const page of mod.pages) {
    const was = state.pages[page];
    if (was?.done) continue;
    if (saved.pages[page]?.done) state.pages[page] = { ...saved.pages[page]! };
    else if (pageKind(page) === 'lab' && labFinished(storage, page)) {
      const total = was?.total ?? mod.labSteps?.[page] ?? 0;
      state.pages[page] = { done: true, passed: total, total };
    }
  }
  state.finishedAt ??= saved.finishedAt;
}

export function writeSavedModule(storage: Store, state: ModuleState): void {
  try {
    storage.setItem(moduleStorageKey(state.module), JSON.stringify({ ...state, labs: {} }));
  } catch {
    /* private mode or a full quota: the labs keep their own saves, and the record is rebuilt from them */
  }
}

/** A lesson read on its own page (not in a player): done in every module that has it. */
export function recordLessonRead(storage: Store, mods: readonly Pick<ModuleDef, 'id' | 'pages'>[], slug: string): void {
  const page: ModulePage = `lessons/${slug}`;
  for (const mod of mods) {
    if (!mod.pages.includes(page)) continue;
    const state = readSavedModule(storage, mod);
    if (state.pages[page]?.done) continue;
    lessonShown(state, page);
    writeSavedModule(storage, state);
  }
}
