/**
 * Outside an LMS, a module's progress where the learner looks for it (the track page, the
 * module player, the home page's list of tracks): the lessons and labs that remain, then the
 * certificate link and the JSON completion record. Read from this browser's saves each time it
 * renders (site/lms/completion-record.ts), so a lesson read or a lab finished on its own page
 * counts the same as in the player.
 */
import { t } from '../../simulator/i18n/t.ts';
import { completionRecord, type RecordPage } from './completion-record.ts';
import type { ModuleDef } from './modules.ts';
import { downloadRecord } from './record-download.ts';
import { remainingSentence } from './remaining.ts';

export type ProgressModule = ModuleDef & { pageInfo: RecordPage[] };

const learnerName = (storage: Storage) => {
  try {
    return storage.getItem('relaylab:learner-name')?.trim() ?? '';
  } catch {
    return '';
  }
};

const moduleOf = (root: HTMLElement) => JSON.parse(root.querySelector('[data-progress-module]')?.textContent ?? 'null') as ProgressModule;

function render(root: HTMLElement, storage: Storage): void {
  const mod = moduleOf(root);
  const r = completionRecord(mod, mod.pageInfo, storage, learnerName(storage));
  const pages = r.pages.map((p, i) => ({ page: p.page, name: mod.pageInfo[i]?.name ?? p.title, done: p.done }));
  const remaining = root.querySelector('[data-progress-remaining]');
  if (remaining) remaining.textContent = remainingSentence(pages, mod.audience, mod.title, document.documentElement.lang || 'en');
  const status = root.querySelector('[data-progress-status]');
  if (status) {
    const done = pages.filter((p) => p.done).length;
    status.textContent = r.complete ? t('lms.status-complete') : done ? t('lms.status-progress', { done, total: pages.length }) : t('lms.status-not-started');
  }
  // Lessons marked where the page lists them (the track page); its exercises have their own marks.
  for (const el of document.querySelectorAll<HTMLElement>(`[data-progress-of="${mod.id}"][data-progress-page^="lessons/"]`)) {
    el.textContent = r.pages.find((p) => p.page === el.dataset.progressPage)?.done ? t('lms.lesson-read') : '';
  }
    const complete = root.querySelector<HTMLElement>('[data-progress-done]');
  if (complete) complete.hidden = !r.complete;
  root.dataset.progressComplete = String(r.complete);
}

/** Renders every module progress on the page again (the player calls it after saving). */
export function refreshProgress(storage: Storage = localStorage): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-module-progress]')) render(root, storage);
}

export function startProgress(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-module-progress]')) {
    root.querySelector('[data-progress-record]')?.addEventListener('click', () => {
      const mod = moduleOf(root);
      downloadRecord(completionRecord(mod, mod.pageInfo, localStorage, learnerName(localStorage)));
    });
  }
  const again = () => {
    try {
      refreshProgress(localStorage);
    } catch {
      /* no storage: nothing saved to show */
    }
  };
  // Another tab finished a lab; or the page came back from the history cache.
  addEventListener('storage', again);
  addEventListener('pageshow', again);
  again();
}
