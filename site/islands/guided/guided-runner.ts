/**
 * The guided lab runner (staff track): builds the lab's simulation from the
 * seed (`?seed=N`, else the saved attempt's, else a fresh one), shows each
 * step's exhibit read from it, and grades every answer at once under the one
 * grading rule (grader/lab-progress.ts), so a knowledge check scores exactly
 * as `relaylab check` would. Answers are kept in localStorage per lab, under
 * the same `relaylab:lab:ID` key terminal labs use, with the fields the
 * completion record reads (seed, completed, finishedAt), and graded again on
 * reload. Inside a module player (site/lms/) each grading goes to the player,
 * and the answers are saved where it says (the LMS's suspend data).
 */
import '../../node-shims/globals.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';
import { embeddedLab } from '../../../simulator/labs/prepared.ts';
import { attemptSeed, simulationOptions } from '../../../simulator/labs/scenario.ts';
import { Simulation } from '../../../simulator/simulation.ts';
import { gradeProgress, type LabVerdict } from '../../../simulator/grader/lab-progress.ts';
import { exhibitChoices, exhibitOf } from '../../../simulator/guided/exhibits.ts';
import { renderExhibit } from './exhibit-view.ts';
import { moduleLink } from '../../lms/page-link.ts';
import { storageKey } from '../lab/storage-key.ts';
import { t } from '../../../simulator/i18n/t.ts';

export type GuidedSaved = {
  v: 1;
  kind: 'guided';
  seed: number;
  answers: Record<string, string>;
  passedBefore: string[];
  /** Steps passing now (the completion record's `completed`). */
  completed: string[];
  passed: number;
  total: number;
  complete: boolean;
  finishedAt?: number;
};
const link = moduleLink();
const store = (): Storage => link?.storage ?? localStorage;

const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);

function readSaved(id: string): GuidedSaved | undefined {
  try {
    const v = JSON.parse(store().getItem(storageKey(id)) ?? 'null') as GuidedSaved | null;
    return v && v.v === 1 && v.kind === 'guided' && Number.isInteger(v.seed) && typeof v.answers === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

function save(id: string, s: GuidedSaved): void {
  try {
    store().setItem(storageKey(id), JSON.stringify(s));
  } catch {
    /* Private mode or a full quota: the exercise still works, it is just not remembered. */
  }
}

function urlSeed(): number | undefined {
  const p = new URLSearchParams(location.search);
  const n = Number(p.get('seed'));
  return p.has('seed') && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

/** A turn for the browser to paint the "starting" line before the simulation's set-up runs. */
const paint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

export async function startGuided(): Promise<void> {
  const root = $('[data-guided]');
  const status = $('[data-guided-status]');
  if (!root || !status) return;
  const lab: Lab = embeddedLab(JSON.parse($('[data-lab-json]', root)?.textContent ?? 'null'));
  // Inside a module player its list of pages is the way around: no link to the track's page.
  if (link) for (const el of root.querySelectorAll<HTMLElement>('[data-track-link]')) el.hidden = true;
  const requested = urlSeed();
  let saved = readSaved(lab.id);
  if (saved && requested !== undefined && saved.seed !== requested) saved = undefined;
  const seed = saved?.seed ?? attemptSeed(lab, requested, () => Math.floor(Math.random() * 1_000_000));
  const answers: Record<string, string> = { ...(saved?.answers ?? {}) };
  let passedBefore: string[] = saved?.passedBefore ?? [];
  let finishedAt = saved?.finishedAt;

  await paint();
  const sim = new Simulation(simulationOptions(lab, seed));

  const shown = new Set<string>();
  for (const step of lab.steps) {
    const box = step.exhibit && $(`[data-exhibit="${CSS.escape(step.id)}"]`, root);
    const ex = step.exhibit ? exhibitOf(sim, step.exhibit) : undefined;
    const key = step.exhibit ? `${step.exhibit.show}:${step.exhibit.host ?? step.exhibit.user ?? ''}` : '';
    if (box && ex) box.replaceChildren(renderExhibit(ex, { again: shown.has(key) }));
    shown.add(key);
    const from = step.question?.choicesFrom;
    const slot = from && $(`[data-step-question="${CSS.escape(step.id)}"] [data-choices-from]`, root);
    if (slot && ex) {
      slot.replaceChildren(
        ...exhibitChoices(ex, from).map((c, i) => {
          const label = document.createElement('label');
          label.className = 'choice';
          const input = Object.assign(document.createElement('input'), { type: 'radio', name: `answer-${step.id}`, value: c, required: i === 0 });
          const text = document.createElement('code');
          text.textContent = c;
          label.append(input, ' ', text);
          return label;
        }),
      );
    }
  }

  const announce = (text: string) => {
    const live = $('[data-guided-announce]', root);
    if (!live) return;
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 30);
  };

  const show = (v: LabVerdict) => {
    for (const s of v.steps) {
      const li = $(`[data-step="${CSS.escape(s.stepId)}"]`, root)!;
      const answered = answers[s.stepId] !== undefined;
      li.classList.toggle('done', s.pass);
      const line = $('[data-step-status]', li)!;
      line.textContent = answered ? s.reason : '';
      line.classList.toggle('pass', s.pass);
      $('[data-step-state]', li)!.textContent = s.pass ? t('guided.state-correct') : answered ? t('guided.state-wrong') : t('guided.state-unanswered');
      const next = $<HTMLButtonElement>('[data-next]', li);
      if (next) next.hidden = !s.pass;
    }
    $('[data-guided-progress]', root)!.textContent = t('guided.progress', { passed: v.passed, total: v.total });
    const summary = $('[data-guided-summary]', root)!;
    const wasHidden = summary.hidden;
    summary.hidden = !v.complete;
    $('[data-guided-score]', root)!.textContent = t('guided.score', { passed: v.passed, total: v.total });
    return wasHidden && v.complete;
  };

  const grade = async (): Promise<LabVerdict> => {
    const v = await gradeProgress(sim, lab, answers, passedBefore);
    passedBefore = v.passedBefore;
    if (v.complete) finishedAt ??= Date.now();
    const completed = v.steps.filter((s) => s.pass).map((s) => s.stepId);
    save(lab.id, { v: 1, kind: 'guided', seed, answers, passedBefore, completed, passed: v.passed, total: v.total, complete: v.complete, finishedAt });
    link?.graded(lab.id, { passed: v.passed, total: v.total, complete: v.complete });
    return v;
  };

  // Saved answers: tick them again and show their verdicts.
  for (const [id, a] of Object.entries(answers)) {
    const input = [...root.querySelectorAll<HTMLInputElement>(`input[name="answer-${CSS.escape(id)}"]`)].find((i) => i.value === a);
    if (input) input.checked = true;
  }
  show(await grade());

  for (const form of root.querySelectorAll<HTMLFormElement>('[data-step-question]')) {
    const stepId = form.dataset.stepQuestion!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const picked = form.querySelector<HTMLInputElement>('input[type=radio]:checked');
      if (!picked) return;
      answers[stepId] = picked.value;
      const v = await grade();
      const finished = show(v);
      const mine = v.steps.find((s) => s.stepId === stepId)!;
      announce(mine.reason);
      if (finished) {
        const summary = $<HTMLElement>('[data-guided-summary]', root)!;
        summary.focus();
        announce(t('guided.complete', { reason: mine.reason, passed: v.passed, total: v.total }));
      }
    });
    form.querySelector<HTMLButtonElement>('[data-check]')!.disabled = false;
  }
  for (const next of root.querySelectorAll<HTMLButtonElement>('[data-next]')) {
    next.addEventListener('click', () => $<HTMLElement>(`#step-${CSS.escape(next.dataset.next!)}`, root)?.focus());
  }
  $('[data-guided-reset]', root)?.addEventListener('click', () => {
    try {
      store().removeItem(storageKey(lab.id));
    } catch {
      /* nothing saved */
    }
    location.reload();
  });
  status.textContent = '';
}
