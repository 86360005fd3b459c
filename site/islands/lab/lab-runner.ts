/**
 * The lab runner: picks the seed, builds the lab's scenario, restores saved
 * work by replaying it through the same engine, records new keys, and grades
 * the simulation under the one grading rule (grader/lab-progress.ts) —
 * automatically after each command, and on request. Checks read the
 * simulation, never the keys. One tab of a lab saves (tab-lock.ts); a save
 * that fails is said at once.
 */
// First: the simulation chunk this module shares with the terminal island needs Buffer/process at load.
import '../../node-shims/globals.ts';
import type { MountedTerminal } from '../terminal-island.ts';
import type { SimulationOptions } from '../../../simulator/simulation.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';
import { embeddedLab } from '../../../simulator/labs/prepared.ts';
import { attemptSeed, simulationOptions, stepAnswer } from '../../../simulator/labs/scenario.ts';
import { gradeProgress } from '../../../simulator/grader/lab-progress.ts';
import { formatScore, scoreAttempt } from '../../../simulator/grader/score.ts';
import { appendChunk, attemptFile, clearProgress, freshProgress, loadProgress, saveProgress, storageKey, type LabProgress } from './progress-store.ts';
import { claimLab } from './tab-lock.ts';
import { eventLoopTurn } from '../../../simulator/core/host-port.ts';
import { messages } from '../messages.ts';
import { recordInput, replayInput } from './input-log.ts';
import { LabPanel } from './lab-panel.ts';
import { allowFocusEscape } from './focus-escape.ts';
import { runWorldClock } from './background-clock.ts';
import { createCoach, type Mistake } from '../../../simulator/coach/coach.ts';
import { moduleLink } from '../../lms/page-link.ts';
import { connectWorkshop } from './workshop-link.ts';
import { mountMap, type NetworkMap } from '../map/network-map.ts';
import { changeRecord, renderRecord } from './change-record.ts';

type Mount = (opts: { seed: number; simulation?: Omit<SimulationOptions, 'seed'>; startHost?: string }) => MountedTerminal;

function readLab(): Lab {
  const el = document.querySelector('[data-lab-json]');
  return embeddedLab(JSON.parse(el?.textContent ?? 'null'));
}

/** `?seed=N` as a number; `invalid` holds what was given when it is not a seed (the page says so). */
function urlSeed(): { seed?: number; invalid?: string } {
  const p = new URLSearchParams(location.search);
  if (!p.has('seed')) return {};
  const given = p.get('seed') ?? '';
  const n = Number(given);
  return given.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? { seed: n } : { invalid: given };
}

/** A trainer switches "Show me" off for a class with `?showme=off`, or for the lab with `showMe: false`. */
const showMeAllowed = (lab: Lab) => lab.showMe && new URLSearchParams(location.search).get('showme') !== 'off';

export async function startLab(host: HTMLElement, status: HTMLElement, mount: Mount): Promise<{ mounted: MountedTerminal; seed: number }> {
  const lab = readLab();
  const panel = new LabPanel(lab, showMeAllowed(lab));
  // Inside a module player (site/lms/): it hears each grading, and in an LMS it lends the storage.
  const link = moduleLink();
  const store: Storage = link?.storage ?? localStorage;
  const openedAt = Date.now();
  const loaded = loadProgress(store, lab.id);
  if (loaded.notice) panel.notice(loaded.notice, { id: 'load', role: loaded.canSave ? 'status' : 'alert' });
  // Served by `relaylab workshop`: the seat's seed, progress reported, hints as the trainer says (workshop-link.ts).
  const workshop = await connectWorkshop(lab);
  const fromUrl = urlSeed();
  const requested = workshop?.seedFor(lab) ?? fromUrl.seed;
  if (fromUrl.invalid !== undefined) panel.notice(messages.seedInvalid(fromUrl.invalid), { id: 'seed' });
  let progress: LabProgress | undefined = loaded.progress;
  if (progress && requested !== undefined && progress.seed !== requested) {
    panel.notice(messages.seedSetAside(progress.seed, requested), { id: 'seed' });
    progress = undefined;
  }
  const seed = progress?.seed ?? attemptSeed(lab, requested, () => Math.floor(Math.random() * 1_000_000));
  const state: LabProgress = progress ?? freshProgress(lab.id, seed, Date.now());
  panel.showSeed(seed);

  // One tab saves (tab-lock.ts); the others say which tab does. Web Locks answer in a later task (3–50 ms
  // measured): the terminal mounts and the saved work replays meanwhile; nothing is saved before the answer.
  const takeOver = () => void claiming.then((t) => t.takeOver());
  const claiming = claimLab(lab.id, openedAt, {
    onOtherHolds: (at) => panel.notice(messages.otherTabHolds(at), { id: 'tab', role: 'alert', actions: [{ label: messages.useThisTab, run: takeOver }] }),
    onMovedAway: (at) => panel.notice(messages.movedAway(at), { id: 'tab', role: 'alert', actions: [{ label: messages.useThisTab, run: takeOver }] }),
  });

  const { seed: _s, ...simulation } = simulationOptions(lab, seed);
  // Restoring saved work: a turn first, so evaluating the page's modules and mounting the terminal are two
  // tasks, not one long one (131 ms measured on a cold load) at the start of a restore that takes seconds.
  // A fresh start mounts at once: the turn lets the page render first, and the prompt came 20–30 ms later.
  if (state.log.length) await eventLoopTurn.yield();
  const mounted = mount({ seed, simulation, startHost: lab.startHost });
  allowFocusEscape(host);
  const { session, sim } = mounted;
  // The map listens before the replay, so what the learner was shown (found desks, where they are) is rebuilt too.
  const mapRoot = document.querySelector<HTMLElement>('[data-net-map]');
  const map: NetworkMap | undefined = mapRoot ? mountMap(mapRoot, sim, lab.startHost, (fn) => mounted.onOutput(fn)) : undefined;
  window.addEventListener('pagehide', () => map?.dispose(), { once: true });
  // Steps that passed at some grading (saved as `completed`): the rule words a later failure as "re-opened".
  let passedBefore = state.completed.filter((id) => lab.steps.some((s) => s.id === id));
  const passing = new Set<string>();

  // The coach names common mistakes as the command that made them returns (simulator/coach). Attached before
  // the replay so its view of the session is the original's; what it names during the replay is not shown again,
  // except a dead end, which still stands after a reload.
  const coach = createCoach(sim, lab, { currentStep: () => lab.steps.find((s) => !passing.has(s.id))?.id });
  coach.attach(session);
  let replaying = Boolean(state.log.length);
  let standingDeadEnd: Mistake | undefined;
  const showMistake = (m: Mistake) => {
    panel.notice(m.text, {
      id: `coach-${m.id}`,
      role: m.action === 'reset' ? 'alert' : 'status',
      code: true,
      actions: m.action === 'reset' ? [{ label: messages.coachReset, run: () => resetLab() }] : [],
    });
  };
  coach.onMistake((m) => {
    if (!replaying) return showMistake(m);
    if (m.action === 'reset') standingDeadEnd = m;
  });
  window.addEventListener('pagehide', () => coach.dispose(), { once: true });

  if (state.log.length) {
    status.textContent = messages.restoring(0, state.log.length);
    const began = performance.now();
    const release = mounted.holdOutput();
    // The map follows the replay without drawing it, and is drawn once at the end.
    const drawMap = map?.holdDrawing();
    await replayInput(session, sim, state.log, { onSlice: (done) => (status.textContent = messages.restoring(done, state.log.length)) });
    drawMap?.();
    await release();
    // Benchmarks read this (bench/lab-reload.ts): the replay alone, without the page and engine load.
    (globalThis as { relayLabReplayMs?: number }).relayLabReplayMs = performance.now() - began;
  }
  await coach.idle();
  replaying = false;
  const tab = await claiming;
  if (standingDeadEnd) showMistake(standingDeadEnd);
  // Only after the replay: the restored network must be rebuilt at the times the keys were typed.
  runWorldClock(sim, lab.scenario.clockSpeed);
  for (const step of lab.steps) panel.showHints(step.id, state.hints[step.id] ?? 0);
  workshop?.start(state.startedAt);
  for (const [id, answer] of Object.entries(state.answers)) restoreAnswer(id, answer);

  // Saving: only the tab that holds the lab, and a failure is said at once, with the attempt to download.
  let saveBroken = false;
  let lastSaved: string | null = null;
  const save = () => {
    if (!tab.holds || !loaded.canSave) return;
    const snapshot: LabProgress = { ...state, completed: passedBefore };
    const result = saveProgress(store, snapshot);
    if (result.ok) {
      lastSaved = store.getItem(storageKey(lab.id));
      if (saveBroken) panel.notice(messages.saveWorksAgain, { id: 'save' });
      saveBroken = false;
      return;
    }
    if (saveBroken) return;
    saveBroken = true;
    panel.notice(messages.saveFailed(result.why === 'quota' ? messages.saveQuota : messages.saveRefused), {
      id: 'save',
      role: 'alert',
      actions: [{ label: messages.download, run: () => download(attemptFile({ ...state, completed: passedBefore })) }],
    });
  };
  // Without Web Locks two tabs could both hold: if another tab writes this lab, stop rather than overwrite.
  window.addEventListener('storage', (e) => {
    if (e.key !== storageKey(lab.id) || e.newValue === lastSaved || !tab.holds) return;
    (tab as { holds: boolean }).holds = false;
    panel.notice(messages.changedElsewhere, { id: 'tab', role: 'alert' });
  });

  // Grading under the one rule (grader/lab-progress.ts): every step, on the state now.
  // One run at a time; a request during a run schedules one more.
  let running: Promise<void> | undefined;
  let again = false;
  let first = true;
  const grade = async (opts: { explain: boolean; focus?: string }): Promise<void> => {
    // The map's relay mark first: it is one battery, and a fix should show within a second. After a
    // restore nothing shows before the steps are marked, so the map shows the grader's own battery
    // run instead of running one more (16 SMTP dialogues a restore does not wait for twice).
    const follow = first && state.log.length ? map?.follow() : undefined;
    if (!follow) await map?.refresh();
    const verdict = await gradeProgress(sim, lab, state.answers, passedBefore, { onBattery: follow?.onBattery });
    await follow?.done();
    const currentBefore = lab.steps.find((s) => !passing.has(s.id));
    for (const [i, step] of verdict.steps.entries()) {
      const was = passing.has(step.stepId);
      const el = panel.stepEl(step.stepId)?.querySelector('[data-step-status]');
      const unanswered = !step.pass && step.reason === NO_ANSWER();
      const explainThis = opts.explain && (step.stepId === currentBefore?.id || opts.focus === step.stepId);
      if (step.pass || step.reopened || explainThis || opts.focus === step.stepId || el?.textContent) {
        panel.setStatus(step.stepId, unanswered && !step.reopened ? messages.answerFirst : step.message, step.pass);
        panel.setChecks(step.stepId, step.checks);
      }
      if (step.pass && !was) {
        passing.add(step.stepId);
        if (!first || !state.log.length) panel.announce(messages.stepDone(i + 1, lab.steps[i]!.title, step.reason));
      } else if (!step.pass && was) {
        passing.delete(step.stepId);
        panel.announce(messages.stepReopened(i + 1, lab.steps[i]!.title, step.reason));
      }
    }
    passedBefore = verdict.passedBefore;
    workshop?.graded(verdict);
    if (opts.explain && currentBefore && !passing.has(currentBefore.id)) {
      const s = verdict.steps.find((v) => v.stepId === currentBefore.id)!;
      panel.announce(s.reason === NO_ANSWER() ? messages.answerFirst : messages.notYet(s.reason));
    }
    panel.render(passing);
    if (verdict.complete) {
      if (!state.finishedAt) state.finishedAt = Date.now();
      const shown = !document.querySelector('[data-lab-summary]')?.hasAttribute('hidden');
      if (!shown) {
        // A scored drill shows the same breakdown `relaylab check` prints (grader/score.ts).
        const score = scoreAttempt(sim, lab, verdict.steps, Object.values(state.hints).reduce((n, h) => n + h, 0));
        if (score) panel.showScore(formatScore(score));
        // After an answer the focus stays in its step (the summary is announced instead).
        panel.showSummary(state.finishedAt - state.startedAt, opts.explain || (!first && !opts.focus));
        if (!first) panel.announce(messages.labComplete(lab.steps.length));
        // The change record of this completion: diffs against the starting network, battery before and after.
        const body = document.querySelector<HTMLElement>('[data-record-body]');
        if (body) renderRecord(body, await changeRecord(sim, lab, seed, simulation, state));
      }
    } else if (!document.querySelector('[data-lab-summary]')?.hasAttribute('hidden')) {
      panel.hideSummary();
      panel.announce(messages.labIncomplete);
    }
    first = false;
    save();
    link?.graded(lab.id, { passed: verdict.passed, total: verdict.total, complete: verdict.complete });
  };
  const requestGrade = (opts: { explain: boolean; focus?: string }) => {
    if (running && !opts.explain && !opts.focus) {
      again = true;
      return running;
    }
    const run = (running ?? Promise.resolve()).then(() => grade(opts)).finally(() => {
      if (running === run) running = undefined;
      if (again) {
        again = false;
        void requestGrade({ explain: false });
      }
    });
    running = run;
    return run;
  };

  // The restored state is graded before the page says it is ready: the marks are the rule's, not remembered.
  await requestGrade({ explain: false });
  // Benchmarks read this (bench/lab-reload.ts): saved work replayed, steps marked, prompt ready.
  (globalThis as { relayLabRestoredAt?: number }).relayLabRestoredAt = performance.now();

  recordInput(session, sim, (chunk) => {
    appendChunk(state.log, chunk);
    save();
    // As a person waits (no simulated patience): the clock must move only as the learner's keys move it.
    if (chunk.d.includes('\r')) void session.whenReady({ patient: false }).then(() => requestGrade({ explain: false }));
  });

  // Check says it is working while its probes run (the battery and test sends take a moment), then names what still stands.
  const checkButton = document.querySelector<HTMLButtonElement>('[data-lab-check]');
  checkButton?.addEventListener('click', () => {
    if (checkButton.getAttribute('aria-busy') === 'true') return;
    const label = checkButton.textContent;
    checkButton.setAttribute('aria-busy', 'true');
    checkButton.textContent = messages.checking;
    const statusBefore = status.textContent;
    status.textContent = messages.checkingStatus;
    void requestGrade({ explain: true }).finally(() => {
      checkButton.removeAttribute('aria-busy');
      checkButton.textContent = label;
      if (status.textContent === messages.checkingStatus) status.textContent = statusBefore;
      for (const m of coach.standing()) showMistake(m);
    });
  });
  function resetLab(): void {
    // Only the tab that saves may throw the saved work away; the others say where it is held.
    if (!tab.holds) {
      panel.notice(messages.resetElsewhere, { id: 'tab', role: 'alert', actions: [{ label: messages.useThisTab, run: () => tab.takeOver() }] });
      return;
    }
    if (!confirm(messages.resetConfirm)) return;
    clearProgress(store, lab.id);
    location.reload();
  }
  document.querySelector('[data-lab-reset]')?.addEventListener('click', () => resetLab());
  document.querySelector('[data-print-record]')?.addEventListener('click', () => window.print());
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-hint-button]')) {
    const stepId = button.closest<HTMLElement>('[data-step]')?.dataset.step ?? '';
    button.addEventListener('click', () => {
      if (workshop && !workshop.hintAllowed(stepId)) return;
      state.hints[stepId] = Math.min((state.hints[stepId] ?? 0) + 1, panel.hintCount(stepId));
      workshop?.report('hint', stepId, String(state.hints[stepId]));
      panel.showHints(stepId, state.hints[stepId]!);
      const shown = button.parentElement?.querySelectorAll('[data-hint-list] > li:not([hidden])');
      panel.announce(messages.hint(shown?.[shown.length - 1]?.textContent ?? ''));
      // The last hint hides its button: keep the focus in the step, on what comes next.
      if (button.hidden) button.parentElement?.querySelector<HTMLElement>('[data-showme-button]:not([hidden])')?.focus();
      save();
    });
  }
  // "Show me": the step's solution, once every hint is shown. Saved as one hint past the last.
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-showme-button]')) {
    const stepId = button.closest<HTMLElement>('[data-step]')?.dataset.step ?? '';
    button.addEventListener('click', () => {
      if (workshop && !workshop.showMeAllowed()) return;
      state.hints[stepId] = panel.hintCount(stepId) + 1;
      workshop?.report('show-me', stepId, '');
      panel.showHints(stepId, state.hints[stepId]!);
      button.parentElement?.querySelector<HTMLElement>('[data-showme]')?.focus();
      panel.announce(messages.solutionShown);
      save();
    });
  }
  for (const step of lab.steps) if (step.question) panel.setSolutionAnswer(step.id, stepAnswer(lab, step, seed));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-step-toggle]')) {
    const stepId = button.closest<HTMLElement>('[data-step]')?.dataset.step ?? '';
    button.addEventListener('click', () => panel.toggle(stepId));
  }
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-step-question]')) {
    const stepId = form.closest<HTMLElement>('[data-step]')?.dataset.step ?? '';
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = new FormData(form).get(`answer-${stepId}`);
      if (typeof value !== 'string' || !value.trim()) return;
      state.answers[stepId] = value;
      workshop?.report('answer', stepId, value);
      // The step stays open when it passes, so the focus stays where the learner answered.
      panel.keepOpen(stepId);
      void requestGrade({ explain: false, focus: stepId }).then(() => {
        if (!passing.has(stepId)) panel.announce(`${document.querySelector(`[data-step="${stepId}"] [data-step-status]`)?.textContent ?? ''}`);
      });
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-run]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      session.input((button.dataset.run ?? '') + '\r');
      panel.announce(messages.typed(button.dataset.run ?? ''));
      // On a phone the terminal is below the steps: bring it into view to see what the command printed.
      const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
      host.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
    });
  }
  // Tests and benches: `settled()` resolves once no grading is running or scheduled.
  const settled = async (): Promise<void> => {
    await session.whenReady({ patient: false });
    while (running) await running.catch(() => undefined);
  };
  (window as unknown as { relayLabRunner: unknown }).relayLabRunner = { lab, seed, map, grade: () => requestGrade({ explain: true }), passing, holds: () => tab.holds, settled };
  return { mounted, seed };
}

/** The answer check's reason when no answer was given (grader/checks/answer.ts). */
const NO_ANSWER = () => messages.noAnswer;

function download(file: { name: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: file.name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function restoreAnswer(stepId: string, answer: string): void {
  const form = document.querySelector<HTMLFormElement>(`[data-step="${CSS.escape(stepId)}"] [data-step-question]`);
  if (!form) return;
  for (const input of form.querySelectorAll<HTMLInputElement>('input')) {
    if (input.type === 'radio') input.checked = input.value === answer;
    else input.value = answer;
  }
}
