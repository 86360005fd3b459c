/**
 * The instructions panel's DOM: step marks and status lines, the current
 * step, hints, progress, the summary, notices and announcements. No grading here.
 */
import type { Lab } from '../../../simulator/labs/schema.ts';
import { messages } from '../messages.ts';

export type NoticeAction = { label: string; run: () => void };

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

  /**
   * A notice above the lab that stays until dismissed or replaced (same `id`).
   * `alert` for what needs action now (saving failed, another tab holds the
   * lab), `status` for the rest; both are announced. Actions are buttons, so
   * they are reachable by Tab.
   */
  /** `code`: backquoted parts of the text are commands, shown as code (the coach's sentences). */
  notice(text: string, opts: { id?: string; role?: 'alert' | 'status'; actions?: NoticeAction[]; code?: boolean } = {}): HTMLElement | undefined {
    const box = $('[data-lab-notices]');
    if (!box) return undefined;
    const id = opts.id ?? `notice-${box.children.length}`;
    let el = $(`[data-lab-notice="${CSS.escape(id)}"]`, box);
    if (!el) {
      el = document.createElement('div');
      el.className = 'lab-notice';
      el.dataset.labNotice = id;
      box.append(el);
    }
    el.setAttribute('role', opts.role ?? 'status');
    const text_ = document.createElement('p');
    if (opts.code) {
      text.split('`').forEach((part, i) => {
        if (i % 2 === 0) text_.append(part);
        else text_.append(Object.assign(document.createElement('code'), { textContent: part }));
      });
    } else text_.textContent = text;
    const buttons = (opts.actions ?? []).map((a) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = a.label;
      b.addEventListener('click', a.run);
      return b;
    });
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.textContent = messages.dismiss;
    dismiss.className = 'dismiss';
    dismiss.addEventListener('click', () => el?.remove());
    el.replaceChildren(text_, ...buttons, dismiss);
    // A status region inserted with its text is not reliably read out; the live region is.
    if ((opts.role ?? 'status') === 'status') this.announce(text);
    return el;
  }

  clearNotice(id: string): void {
    $(`[data-lab-notice="${CSS.escape(id)}"]`)?.remove();
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
    if (progress) progress.textContent = messages.progress(completed.size, this.lab.steps.length);
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

  /** A scored drill's breakdown, one line each, in the summary. */
  showScore(lines: readonly string[]): void {
    const out = $('[data-lab-score]');
    if (out) out.textContent = lines.join('\n');
  }

  hideSummary(): void {
    const summary = $('[data-lab-summary]');
    if (summary) summary.hidden = true;
  }
}
