/**
 * The instructions panel's DOM: step marks and status lines, the current
 * step, hints, progress, the summary and announcements. No grading here.
 */
import type { Lab } from '../../../simulator/labs/schema.ts';

const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);

export class LabPanel {
  constructor(readonly lab: Lab) {}

  stepEl(id: string): HTMLElement | null {
    return $(`[data-step="${CSS.escape(id)}"]`);
  }

  announce(text: string): void {
    const live = $('[data-lab-announce]');
    if (!live) return;
    // Re-setting identical text is not announced; clear first.
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 30);
  }

  notice(text: string): void {
    const el = $('[data-lab-notice]');
    if (!el) return;
    el.textContent = text;
    el.hidden = false;
  }

  showSeed(seed: number): void {
    const out = $('[data-lab-seed]');
    if (out) out.textContent = String(seed);
  }

  setStatus(stepId: string, text: string, passed: boolean): void {
    const el = this.stepEl(stepId);
    const status = el && $('[data-step-status]', el);
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('pass', passed);
  }

  /** Marks completed steps, moves "current" to the first open step, updates the count. */
  render(completed: ReadonlySet<string>): void {
    const current = this.lab.steps.find((s) => !completed.has(s.id));
    for (const step of this.lab.steps) {
      const el = this.stepEl(step.id);
      if (!el) continue;
      const done = completed.has(step.id);
      el.classList.toggle('done', done);
      if (step === current) el.setAttribute('aria-current', 'step');
      else el.removeAttribute('aria-current');
      const mark = $('[data-step-mark]', el);
      if (mark) mark.textContent = done ? '✓' : step === current ? '▶' : '○';
      const state = $('[data-step-state]', el);
      if (state) state.textContent = done ? ' (done)' : step === current ? ' (current step)' : ' (not done yet)';
    }
    const progress = $('[data-lab-progress]');
    if (progress) progress.textContent = `${completed.size} of ${this.lab.steps.length} done`;
  }

  showHints(stepId: string, count: number): void {
    const el = this.stepEl(stepId);
    const button = el && $<HTMLButtonElement>('[data-hint-button]', el);
    const list = el && $('[data-hint-list]', el);
    if (!button || !list) return;
    const hints = JSON.parse(button.dataset.hints ?? '[]') as string[];
    const shown = Math.min(count, hints.length);
    list.replaceChildren(...hints.slice(0, shown).map((h) => Object.assign(document.createElement('li'), { textContent: h })));
    button.hidden = shown >= hints.length;
    button.textContent = `Show ${shown ? 'another' : 'a'} hint (${shown + 1} of ${hints.length})`;
  }

  showSummary(ms: number, focus: boolean): void {
    const summary = $('[data-lab-summary]');
    if (!summary) return;
    const time = $('[data-lab-time]', summary);
    const mins = Math.floor(ms / 60000);
    const secs = Math.round((ms % 60000) / 1000);
    if (time) time.textContent = `You completed every step in ${mins ? `${mins} min ` : ''}${secs} s.`;
    summary.hidden = false;
    if (focus) summary.focus();
  }

  hideSummary(): void {
    const summary = $('[data-lab-summary]');
    if (summary) summary.hidden = true;
  }
}
