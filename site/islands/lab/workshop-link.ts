/**
 * The lab page inside a workshop (`relaylab workshop` serves the site): the
 * page asks the same origin whether it is one; if so it takes the seat's seed,
 * reports progress events — read off the grading rule by
 * simulator/grader/progress-events.ts — through the outbox, and obeys the
 * trainer's hint policy and "Show me" switch (gating the page's own hint and
 * "Show me" buttons), pushed by Server-Sent Events.
 * On any other web server the question gets a 404 and nothing here runs.
 */
import type { Lab } from '../../../simulator/labs/schema.ts';
import type { LabVerdict } from '../../../simulator/grader/lab-progress.ts';
import { progressChanges, type ProgressEventKind, type ReportedVerdicts } from '../../../simulator/grader/progress-events.ts';
import { Outbox } from './workshop-outbox.ts';
import { t } from '../../../simulator/i18n/t.ts';

export type HintPolicy = { hints: 'free' | 'after' | 'off'; afterMinutes: number; showMe: boolean };
type SeatInfo = { id: number; name: string; seed: number };

export const SEAT_KEY = 'relaylab:workshop:seat';
const reportedKey = (lab: string) => `relaylab:workshop:reported:${lab}`;
const currentKey = (lab: string) => `relaylab:workshop:current:${lab}`;

const api = (path: string) => `/api/${path}`;

function readJson<T>(key: string): T | undefined {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}
const writeJson = (key: string, value: unknown) => {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* the outbox says so if it matters */
  }
};

/** Undefined when the page is not served by a workshop (or the workshop does not answer in time). */
export async function connectWorkshop(lab: Lab): Promise<WorkshopLink | undefined> {
  // Only a page the workshop served carries its mark (cli/static-site.ts, WORKSHOP_META): elsewhere no request at all.
  if (!document.querySelector('meta[name="relaylab-workshop"]')) return undefined;
  const token = readJson<{ token: string }>(SEAT_KEY)?.token;
  let info: { workshop?: boolean; policy: HintPolicy; seat: SeatInfo | null; joinPath: string };
  try {
    const res = await fetch(api('workshop'), { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(3000) });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
    info = await res.json();
  } catch {
    return undefined;
  }
  if (!info.workshop) return undefined;
  if (!info.seat || !token) {
    location.replace(`${info.joinPath}?next=${encodeURIComponent(location.pathname + location.search)}`);
    // Never settles: the lab must not start (and save an attempt with a seed not the seat's) while the page leaves.
    return new Promise<never>(() => undefined);
  }
  return new WorkshopLink(lab, token, info.seat, info.policy);
}

export class WorkshopLink {
  private readonly outbox: Outbox;
  private attempt = 0;
  private reported: ReportedVerdicts | undefined;
  private current: { step: string; since: number } | undefined;
  private passing = new Set<string>();
  private status: HTMLElement;

  constructor(
    readonly lab: Lab,
    token: string,
    readonly seat: SeatInfo,
    private policy: HintPolicy,
  ) {
    this.status = Object.assign(document.createElement('p'), { className: 'workshop-status' });
    this.status.dataset.workshopStatus = '';
    const anchor = document.querySelector('[data-lab-seed]')?.parentElement?.parentElement ?? document.querySelector('main');
    anchor?.append(this.status);
    this.outbox = new Outbox({
      storage: localStorage,
      endpoint: api('progress'),
      token,
      onState: ({ pending, ok }) => this.showState(pending, ok),
    });
    this.showState(this.outbox.pending().length, true);
    // The policy, live; after a restart of the workshop EventSource reconnects by itself, and what waits is sent.
    const stream = new EventSource(api('policy/stream'));
    stream.addEventListener('policy', (e) => {
      this.policy = JSON.parse((e as MessageEvent<string>).data) as HintPolicy;
      this.applyPolicy();
    });
    stream.addEventListener('open', () => void this.outbox.flush());
    window.addEventListener('online', () => void this.outbox.flush());
    window.addEventListener('pagehide', () => stream.close(), { once: true });
    setInterval(() => this.policy.hints === 'after' && this.applyPolicy(), 15_000);
    void this.outbox.flush();
  }

  /** The seat's seed, for labs whose seed is chosen per attempt (a fixed-seed lab keeps its own). */
  seedFor(lab: Lab): number | undefined {
    return lab.scenario.seed.policy === 'random' ? this.seat.seed : undefined;
  }

  /** An attempt begins (or is restored): `startedAt` tells a new attempt (after Reset) from the same one. */
  start(startedAt: number): void {
    this.attempt = startedAt;
    const saved = readJson<{ attempt: number; seat: number; reported: ReportedVerdicts }>(reportedKey(this.lab.id));
    const same = saved && saved.attempt === startedAt && saved.seat === this.seat.id;
    this.reported = same ? saved.reported : undefined;
    const cur = readJson<{ attempt: number; step: string; since: number }>(currentKey(this.lab.id));
    this.current = cur && cur.attempt === startedAt ? cur : undefined;
    if (!same) {
      // Kept at once: a reload before the first grading is the same attempt, not a second opening.
      writeJson(reportedKey(this.lab.id), { attempt: startedAt, seat: this.seat.id, reported: undefined });
      this.report('opened', '', '');
    }
  }

  /** After each grading: what changed since the last report, as events. */
  graded(verdict: LabVerdict): void {
    const { changes, reported } = progressChanges(this.lab, this.reported, verdict);
    this.reported = reported;
    writeJson(reportedKey(this.lab.id), { attempt: this.attempt, seat: this.seat.id, reported });
    this.outbox.add(this.lab.id, changes);
    this.passing = new Set(verdict.steps.filter((s) => s.pass).map((s) => s.stepId));
    const step = this.lab.steps.find((s) => !this.passing.has(s.id))?.id ?? '';
    if (step !== this.current?.step) {
      this.current = { step, since: Date.now() };
      writeJson(currentKey(this.lab.id), { attempt: this.attempt, ...this.current });
    }
    this.applyPolicy();
  }

  report(kind: ProgressEventKind, step: string, detail: string): void {
    this.outbox.add(this.lab.id, [{ kind, step, detail }]);
  }

  /** Whether a hint of this step may be shown now, under the trainer's policy. */
  hintAllowed(stepId: string): boolean {
    if (this.policy.hints === 'free') return true;
    if (this.policy.hints === 'off') return false;
    if (this.passing.has(stepId)) return true;
    return this.current?.step === stepId && Date.now() - this.current.since >= this.policy.afterMinutes * 60_000;
  }

  private hintNote(stepId: string): string {
    if (this.policy.hints === 'off') return t('workshop.hints-off');
    if (this.current?.step !== stepId) return t('workshop.hints-after', { minutes: this.policy.afterMinutes });
    const left = Math.max(1, Math.ceil((this.policy.afterMinutes * 60_000 - (Date.now() - this.current.since)) / 60_000));
    return t('workshop.hints-in', { minutes: left });
  }

  private applyPolicy(): void {
    for (const step of this.lab.steps) {
      const el = document.querySelector<HTMLElement>(`[data-step="${CSS.escape(step.id)}"]`);
      if (!el) continue;
      const button = el.querySelector<HTMLButtonElement>('[data-hint-button]');
      if (button) {
        const allowed = this.hintAllowed(step.id);
        button.disabled = !allowed;
        let note = el.querySelector<HTMLElement>('[data-workshop-hint-note]');
        if (allowed) note?.remove();
        else {
          if (!note) {
            note = Object.assign(document.createElement('p'), { className: 'workshop-hint-note' });
            note.dataset.workshopHintNote = '';
            button.after(note);
          }
          note.textContent = this.hintNote(step.id);
        }
      }
      this.gateShowMe(el);
    }
  }

  /** The trainer's "Show me" switch: the page's own "Show me" (after the last hint) works only while it is on. */
  showMeAllowed(): boolean {
    return this.policy.showMe;
  }

  private gateShowMe(el: HTMLElement): void {
    const button = el.querySelector<HTMLButtonElement>('[data-showme-button]');
    if (!button) return;
    button.disabled = !this.policy.showMe;
    let note = el.querySelector<HTMLElement>('[data-workshop-showme-note]');
    if (this.policy.showMe) return void note?.remove();
    if (!note) {
      note = Object.assign(document.createElement('p'), { className: 'workshop-hint-note', textContent: t('workshop.show-me-off') });
      note.dataset.workshopShowmeNote = '';
      button.after(note);
    }
  }

  private showState(pending: number, ok: boolean): void {
    const who = t('workshop.seat-line', { id: this.seat.id, name: this.seat.name, seed: this.seat.seed });
    this.status.textContent =
      pending === 0 ? t('workshop.progress-sent', { who }) : t('workshop.progress-waiting', { who, n: pending, trouble: ok ? '' : t('workshop.no-answer-kept') });
  }
}
