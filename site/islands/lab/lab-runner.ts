/**
 * The lab runner: picks the seed, builds the lab's scenario, restores saved
 * work by replaying it through the same engine, records new keys, and grades
 * the simulation — automatically after each command, and on request. Checks
 * read the simulation, never the keys.
 */
// First: the simulation chunk this module shares with the terminal island needs Buffer/process at load.
import '../../node-shims/globals.ts';
import type { MountedTerminal } from '../terminal-island.ts';
import type { SimulationOptions } from '../../../simulator/simulation.ts';
import { LabSchema, type Lab, type LabStep } from '../../../simulator/labs/schema.ts';
import { attemptSeed, simulationOptions } from '../../../simulator/labs/scenario.ts';
import { gradeStep } from '../../../simulator/grader/grade.ts';
import { appendChunk, clearProgress, freshProgress, loadProgress, saveProgress, type LabProgress } from './progress-store.ts';
import { recordInput, replayInput } from './input-log.ts';
import { LabPanel } from './lab-panel.ts';
import { allowFocusEscape } from './focus-escape.ts';
import { runWorldClock } from './background-clock.ts';

type Mount = (opts: { seed: number; simulation?: Omit<SimulationOptions, 'seed'>; startHost?: string }) => MountedTerminal;

function readLab(): Lab {
  const el = document.querySelector('[data-lab-json]');
  return LabSchema.parse(JSON.parse(el?.textContent ?? 'null'));
}

function urlSeed(): number | undefined {
  const p = new URLSearchParams(location.search);
  const n = Number(p.get('seed'));
  return p.has('seed') && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

const isAnswerStep = (s: LabStep) => s.checks.some((c) => c.kind === 'answer');

export async function startLab(host: HTMLElement, status: HTMLElement, mount: Mount): Promise<{ mounted: MountedTerminal; seed: number }> {
  const lab = readLab();
  const panel = new LabPanel(lab);
  const loaded = loadProgress(localStorage, lab.id);
  if (loaded.notice) panel.notice(loaded.notice);
  const requested = urlSeed();
  let progress: LabProgress | undefined = loaded.progress;
  if (progress && requested !== undefined && progress.seed !== requested) {
    panel.notice(`Saved progress for seed ${progress.seed} was set aside: this page was opened with ?seed=${requested}.`);
    progress = undefined;
  }
  const seed = progress?.seed ?? attemptSeed(lab, requested, () => Math.floor(Math.random() * 1_000_000));
  const state: LabProgress = progress ?? freshProgress(lab.id, seed, Date.now());
  panel.showSeed(seed);

  const { seed: _s, ...simulation } = simulationOptions(lab, seed);
  const mounted = mount({ seed, simulation, startHost: lab.startHost });
  allowFocusEscape(host);
  const { session, sim } = mounted;
  const completed = new Set(state.completed.filter((id) => lab.steps.some((s) => s.id === id)));

  if (state.log.length) {
    status.textContent = 'Restoring your work in this lab…';
    await replayInput(session, sim, state.log);
  }
  // Only after the replay: the restored network must be rebuilt at the times the keys were typed.
  runWorldClock(sim, lab.scenario.clockSpeed);
  for (const step of lab.steps) panel.showHints(step.id, state.hints[step.id] ?? 0);
  for (const [id, answer] of Object.entries(state.answers)) restoreAnswer(id, answer);
  panel.render(completed);
  if (state.finishedAt) panel.showSummary(state.finishedAt - state.startedAt, false);
  // Benchmarks read this (bench/lab-reload.ts): saved work replayed, steps marked, prompt ready.
  (globalThis as { relayLabRestoredAt?: number }).relayLabRestoredAt = performance.now();

  const save = () => saveProgress(localStorage, { ...state, completed: [...completed] });

  // Grading: one run at a time; a request during a run schedules one more.
  let running: Promise<void> | undefined;
  let again = false;
  const grade = async (opts: { explain: boolean; only?: string }): Promise<void> => {
    for (const step of lab.steps) {
      if (opts.only && step.id !== opts.only) continue;
      if (completed.has(step.id) && !opts.only) continue;
      if (isAnswerStep(step) && state.answers[step.id] === undefined) {
        if (opts.explain && step === lab.steps.find((s) => !completed.has(s.id))) panel.setStatus(step.id, 'Answer the question to complete this step.', false);
        continue;
      }
      const verdict = await gradeStep(sim, step, state.answers);
      if (verdict.pass && !completed.has(step.id)) {
        completed.add(step.id);
        panel.setStatus(step.id, `Done: ${verdict.reason}`, true);
        panel.announce(`Step ${lab.steps.indexOf(step) + 1} done: ${step.title}. ${verdict.reason}`);
      } else if (!verdict.pass && (opts.explain || opts.only)) {
        panel.setStatus(step.id, `Not yet: ${verdict.reason}`, false);
        if (opts.explain) panel.announce(`Not yet: ${verdict.reason}`);
      }
    }
    panel.render(completed);
    if (completed.size === lab.steps.length && !state.finishedAt) {
      state.finishedAt = Date.now();
      panel.showSummary(state.finishedAt - state.startedAt, opts.explain);
      panel.announce(`Lab complete: all ${lab.steps.length} steps done.`);
    }
    save();
  };
  const requestGrade = (opts: { explain: boolean; only?: string }) => {
    if (running && !opts.explain && !opts.only) {
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

  recordInput(session, sim, (chunk) => {
    appendChunk(state.log, chunk);
    save();
    if (chunk.d.includes('\r')) void session.whenReady().then(() => requestGrade({ explain: false }));
  });

  document.querySelector('[data-lab-check]')?.addEventListener('click', () => void requestGrade({ explain: true }));
  document.querySelector('[data-lab-reset]')?.addEventListener('click', () => {
    if (!confirm('Reset this lab? Your commands, answers and progress will be lost and a fresh network started.')) return;
    clearProgress(localStorage, lab.id);
    location.reload();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-hint-button]')) {
    const stepId = button.closest<HTMLElement>('[data-step]')?.dataset.step ?? '';
    button.addEventListener('click', () => {
      state.hints[stepId] = (state.hints[stepId] ?? 0) + 1;
      panel.showHints(stepId, state.hints[stepId]!);
      const list = button.parentElement?.querySelector('[data-hint-list]');
      panel.announce(`Hint: ${list?.lastElementChild?.textContent ?? ''}`);
      save();
    });
  }
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-step-question]')) {
    const stepId = form.closest<HTMLElement>('[data-step]')?.dataset.step ?? '';
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = new FormData(form).get(`answer-${stepId}`);
      if (typeof value !== 'string' || !value.trim()) return;
      state.answers[stepId] = value;
      completed.delete(stepId);
      void requestGrade({ explain: false, only: stepId }).then(() => {
        if (!completed.has(stepId)) panel.announce(`Not yet. ${document.querySelector(`[data-step="${stepId}"] [data-step-status]`)?.textContent ?? ''}`);
      });
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-run]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      session.input((button.dataset.run ?? '') + '\r');
      panel.announce(`Typed into the terminal: ${button.dataset.run}`);
    });
  }
  (window as unknown as { relayLabRunner: unknown }).relayLabRunner = { lab, seed, grade: () => requestGrade({ explain: true }), completed };
  void requestGrade({ explain: false });
  return { mounted, seed };
}

function restoreAnswer(stepId: string, answer: string): void {
  const form = document.querySelector<HTMLFormElement>(`[data-step="${CSS.escape(stepId)}"] [data-step-question]`);
  if (!form) return;
  for (const input of form.querySelectorAll<HTMLInputElement>('input')) {
    if (input.type === 'radio') input.checked = input.value === answer;
    else input.value = answer;
  }
}
