/**
 * The instructions panel's DOM: step marks and status lines, the current
 * step, hints, progress, the summary, notices and announcements. No grading here.
 */
import type { Lab } from '../../../simulator/labs/schema.ts';
import { messages } from '../messages.ts';

export type NoticeAction = { label: string; run: () => void };

const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);

export type CheckLine = { pass: boolean; reason: string };

export class LabPanel {
  /** Steps the learner opened (true) or closed (false) by their title; absent = open while current. */
  private readonly opened = new Map<string, boolean>();
  private current: string | undefined;

  constructor(
    readonly lab: Lab,
    /** "Show me" is offered after the last hint (off by the lab's `showMe: false` or `?showme=off`). */
    readonly showMe = true,
  ) {
    this.current = lab.steps[0]?.id;
  }

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

  /** Each check's verdict, with its own mark and reason (visible, not only to screen readers). */
  setChecks(stepId: string, checks: readonly CheckLine[]): void {
    const list = $('[data-step-checks]', this.stepEl(stepId) ?? document.createElement('div'));
    if (!list) return;
    // One check says no more than the status line does.
    if (checks.length < 2) return list.replaceChildren();
    list.replaceChildren(
      ...checks.map((c) => {
        const li = document.createElement('li');
        li.className = c.pass ? 'pass' : 'fail';
        const mark = Object.assign(document.createElement('span'), { className: 'check-mark', textContent: c.pass ? '✓' : '✗' });
        mark.setAttribute('aria-hidden', 'true');
        const said = Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: c.pass ? messages.checkPassed : messages.checkFailed });
        li.append(mark, said, Object.assign(document.createElement('span'), { textContent: c.reason }));
        return li;
      }),
    );
  }

  /** The title button opens or closes a step; a done step can be read again this way. */
  toggle(stepId: string): void {
    const el = this.stepEl(stepId);
    if (!el) return;
    this.opened.set(stepId, !this.isOpen(stepId));
    this.applyOpen(stepId);
  }

  /** Keep a step open (after its answer, so focus stays where the learner was). */
  keepOpen(stepId: string): void {
    this.opened.set(stepId, true);
    this.applyOpen(stepId);
  }

  private isOpen(stepId: string): boolean {
    return this.opened.get(stepId) ?? stepId === this.current;
  }

  private applyOpen(stepId: string): void {
    const el = this.stepEl(stepId);
    if (!el) return;
    const open = this.isOpen(stepId);
    el.classList.toggle('open', open);
    el.classList.toggle('closed', !open);
    $('[data-step-toggle]', el)?.setAttribute('aria-expanded', String(open));
  }

  /** Marks completed steps, moves "current" to the first open step, updates the count. */
  render(completed: ReadonlySet<string>): void {
    const current = this.lab.steps.find((s) => !completed.has(s.id));
    if (current?.id !== this.current) {
      // A new current step opens on its own; a choice made for the old one is kept.
      if (current) this.opened.delete(current.id);
      this.current = current?.id;
    }
    for (const step of this.lab.steps) {
      const el = this.stepEl(step.id);
      if (!el) continue;
      const done = completed.has(step.id);
      el.classList.toggle('done', done);
      if (step === current) el.setAttribute('aria-current', 'step');
      else el.removeAttribute('aria-current');
      this.applyOpen(step.id);
      const mark = $('[data-step-mark]', el);
      if (mark) mark.textContent = done ? '✓' : step === current ? '▶' : '○';
      const state = $('[data-step-state]', el);
      if (state) state.textContent = messages.stepState(done, step === current);
    }
    const progress = $('[data-lab-progress]');
    if (progress) progress.textContent = messages.progress(completed.size, this.lab.steps.length);
  }

  /** How many hints a step has (rendered at build time, Markdown included). */
  hintCount(stepId: string): number {
    return this.stepEl(stepId)?.querySelectorAll('[data-hint-list] > li').length ?? 0;
  }

  /**
   * Reveals the first `count` hints. The solution counts as one more: `count` past the last hint
   * means "Show me" was used (saved progress keeps one number per step).
   */
  showHints(stepId: string, count: number): void {
    const el = this.stepEl(stepId);
    if (!el) return;
    const items = [...el.querySelectorAll<HTMLElement>('[data-hint-list] > li')];
    const shown = Math.min(count, items.length);
    items.forEach((li, i) => (li.hidden = i >= shown));
    const button = $<HTMLButtonElement>('[data-hint-button]', el);
    if (button) {
      button.hidden = shown >= items.length;
      button.textContent = messages.hintButton(shown, items.length);
    }
    const solution = $('[data-showme]', el);
    const showMe = $<HTMLButtonElement>('[data-showme-button]', el);
    if (!solution || !showMe) return;
    const revealed = this.showMe && count > items.length;
    solution.hidden = !revealed;
    showMe.hidden = !this.showMe || revealed || shown < items.length;
  }

  /** The answer of a question step in the solution, for this seed (absent when nothing is to be answered). */
  setSolutionAnswer(stepId: string, answer: string | undefined): void {
    const el = this.stepEl(stepId);
    const line = el && $('[data-showme-answer]', el);
    const text = el && $('[data-showme-answer-text]', el);
    if (!line || !text) return;
    text.textContent = answer ?? '';
    line.hidden = answer === undefined;
  }

  showSummary(ms: number, focus: boolean): void {
    const summary = $('[data-lab-summary]');
    if (!summary) return;
    const time = $('[data-lab-time]', summary);
    const mins = Math.floor(ms / 60000);
    const secs = Math.round((ms % 60000) / 1000);
    if (time) time.textContent = messages.timeTaken(mins, secs);
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
