/**
 * The module player: the page a SCORM package launches (and `/modules/ID/` on the site). It shows
 * the module's pages one at a time in a frame, keeps the module's state (module-state.ts), and —
 * inside an LMS — is the one SCO that talks to it: finds the API (api-discovery.ts), initialises,
 * resumes from suspend data, reports progress/score/completion, commits at the points that matter
 * (a page changed, a step passed or re-opened, completion; otherwise at most every 15 s) and
 * terminates on pagehide. Outside an LMS nothing is sent anywhere: the labs save to localStorage
 * as on their own pages, the module's record too (saved-module.ts), and the module's progress
 * (module-progress.ts) says what remains, then links the certificate and the completion record.
 */
import { messages } from '../islands/messages.ts';
import { findLmsApi } from './api-discovery.ts';
import { LmsSession } from './lms-session.ts';
import { figures, freshState, labGraded, lessonShown, type ModuleState } from './module-state.ts';
import { pageKind, type ModuleDef, type ModulePage } from './modules.ts';
import { LinkedStorage, type ModuleLink } from './page-link.ts';
import { refreshProgress } from './module-progress.ts';
import { mergeSaved, readSavedModule, writeSavedModule } from './saved-module.ts';
import { decodeState, fitState } from './suspend-data.ts';
import { LAB_KEY_PREFIX, storageKey } from '../islands/lab/storage-key.ts';

const COMMIT_EVERY_MS = 15_000;

export type PlayerInfo = { lms?: '2004' | '1.2'; state: ModuleState; lastSuspend?: string; trimmed: string[] };

export function startPlayer(root: HTMLElement): PlayerInfo {
  const mod = JSON.parse(root.querySelector('[data-module-json]')?.textContent ?? 'null') as ModuleDef;
  const frame = root.querySelector<HTMLIFrameElement>('[data-module-frame]')!;
  const links = new Map<ModulePage, HTMLAnchorElement>();
  for (const a of root.querySelectorAll<HTMLAnchorElement>('[data-module-page]')) links.set(a.dataset.modulePage as ModulePage, a);

  const found = findLmsApi(window);
  const session = found ? new LmsSession(found) : undefined;
  const inLms = Boolean(session?.initialize());
  let state = freshState(mod);
  if (inLms) {
    const resume = session!.resumeData();
    state = (resume && decodeState(resume.suspendData, mod.id)) || state;
  } else {
    try {
      state = readSavedModule(localStorage, mod);
      mergeSaved(state, mod, localStorage);
    } catch {
      /* no storage: a fresh record */
    }
  }
  const info: PlayerInfo = { lms: inLms ? session!.version : undefined, state, trimmed: [] };

  let lastCommit = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reported = '';
  const save = (important: boolean) => {
    if (!inLms) {
      // A lesson read or a lab finished elsewhere since (another tab, its own page) is kept.
      try {
        mergeSaved(state, mod, localStorage);
      } catch {
        /* no storage */
      }
    }
    const f = figures(mod, state);
    if (f.completed && !state.finishedAt) state.finishedAt = Date.now();
    render();
    if (!inLms) {
      try {
        writeSavedModule(localStorage, state);
        refreshProgress(localStorage);
      } catch {
        /* the labs say when saving fails; the module record is rebuilt from their gradings */
      }
      return;
    }
    const fitted = fitState(state, session!.limit);
    info.lastSuspend = fitted.text;
    info.trimmed = fitted.trimmed;
    const key = `${f.completed}|${f.score}|${f.progress}|${state.at}`;
    session!.report({ progress: f.progress, score: f.score, completed: f.completed, location: state.at, suspendData: fitted.text });
    // A change the LMS's reports would show is committed at once; keys alone, at most every 15 s.
    if (important || key !== reported || Date.now() - lastCommit > COMMIT_EVERY_MS) {
      reported = key;
      commit();
    } else if (!timer) timer = setTimeout(commit, COMMIT_EVERY_MS);
  };
  const commit = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastCommit = Date.now();
    session!.commit();
  };

  // Every lab page in the frame, terminal or guided, reports its gradings here and, in an LMS,
  // saves its attempt (`relaylab:lab:ID`) into the lent storage, so it travels in the suspend data.
  const link: ModuleLink = {
    graded(labId, v) {
      labGraded(state, `labs/${labId}`, v);
      save(false);
    },
  };
  if (inLms) {
    const initial: Record<string, string> = {};
    for (const [id, text] of Object.entries(state.labs)) initial[storageKey(id)] = text;
    link.storage = new LinkedStorage(initial, (key, value) => {
      if (!key.startsWith(LAB_KEY_PREFIX)) return;
      const id = key.slice(LAB_KEY_PREFIX.length);
      if (value === null) delete state.labs[id];
      else state.labs[id] = value;
    });
  }
  (window as unknown as { relayLabModule: ModuleLink }).relayLabModule = link;
  (window as unknown as { relayLabPlayer: PlayerInfo }).relayLabPlayer = info;

  function render(): void {
    const f = figures(mod, state);
    for (const [page, a] of links) {
      const rec = state.pages[page];
      const mark = a.parentElement?.querySelector('[data-module-mark]');
      if (mark) mark.textContent = rec?.done ? messages.modulePageDone : rec?.passed ? messages.modulePageSteps(rec.passed, rec.total ?? 0) : '';
      if (page === state.at) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const summary = root.querySelector('[data-module-summary]');
    if (summary) summary.textContent = messages.moduleSummary(Math.round(f.progress * 100), Math.round(f.score * 100), f.completed);
    // What remains, the certificate and the record: outside an LMS only (the LMS keeps its own).
    const progress = root.querySelector<HTMLElement>('[data-module-progress]');
    if (progress) progress.hidden = inLms;
    const where = root.querySelector('[data-module-lms]');
    if (where) where.textContent = inLms ? messages.moduleSavedToLms(session!.version) : messages.moduleSavedHere;
  }

  const show = (page: ModulePage) => {
    const a = links.get(page);
    if (a) frame.src = a.href;
  };
  // Which module page the frame shows now (links inside it navigate it too).
  frame.addEventListener('load', () => {
    let path = '';
    try {
      path = new URL(frame.contentWindow!.location.href).pathname;
    } catch {
      return;
    }
    const norm = (p: string) => p.replace(/index\.html$/, '');
    for (const [page, a] of links) {
      if (norm(new URL(a.href).pathname) !== norm(path)) continue;
      const moved = state.at !== page;
      state.at = page;
      if (pageKind(page) === 'lesson') lessonShown(state, page);
      save(moved);
      return;
    }
  });
  for (const [page, a] of links) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      show(page);
    });
  }
  const step = (d: number) => {
    const i = mod.pages.indexOf(state.at) + d;
    if (i >= 0 && i < mod.pages.length) show(mod.pages[i]!);
  };
  root.querySelector('[data-module-prev]')?.addEventListener('click', () => step(-1));
  root.querySelector('[data-module-next]')?.addEventListener('click', () => step(1));

  window.addEventListener('pagehide', () => {
    if (!inLms) return;
    save(true);
    session!.finish(figures(mod, state).completed);
  });
  render();
  show(state.at && links.has(state.at) ? state.at : mod.pages[0]!);
  return info;
}
