/**
 * The trainer's live view: the workshop pushes the class (`class` events,
 * cli/workshop/class-view.ts) and this draws it. Projector mode draws seat
 * numbers instead of names — names are then not in the page at all.
 */
import type { ClassView, ViewSeat } from '../../../cli/workshop/class-view.ts';
import { t } from '../../../simulator/i18n/t.ts';

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const controls = $<HTMLFormElement>('[data-controls]');
const projector = $<HTMLInputElement>('[data-projector]');
const stuckInput = $<HTMLInputElement>('[data-stuck]');
const PROJECTOR_KEY = 'relaylab:workshop:projector';
let view: ClassView | undefined;
let skew = 0;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};
const minutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));
const who = (s: ViewSeat) => (projector.checked ? t('workshop.seat', { id: s.id }) : t('workshop.seat-named', { name: s.name, id: s.id }));

function render(): void {
  if (!view) return;
  const now = Date.now() + skew;
  const stuckMs = Number(stuckInput.value || 10) * 60_000;
  const stuck = (s: ViewSeat) => !!s.current && now - s.current.since >= stuckMs;
  // The labs someone has opened, or all of them before anyone has.
  const used = view.labs.filter((l) => view!.seats.some((s) => s.current?.lab === l.id || s.complete.includes(l.id) || Object.keys(s.cells).some((k) => k.startsWith(`${l.id}/`))));
  const labs = used.length ? used : view.labs;
  const head1 = el('tr', {}, el('td'), ...labs.map((l) => el('th', { scope: 'colgroup', colSpan: l.steps.length }, l.title)));
  const head2 = el('tr', {}, el('th', { scope: 'col' }, projector.checked ? t('workshop.column-seat') : t('workshop.column-attendee')), ...labs.flatMap((l) => l.steps.map((s, i) => el('th', { scope: 'col', title: s.title }, `${i + 1}. ${s.title}`))));
  const rows = view.seats.map((seat) =>
    el(
      'tr',
      { className: stuck(seat) ? 'stuck-row' : '' },
      el('th', { scope: 'row' }, who(seat), el('span', { className: 'counts' }, t('workshop.seed', { seed: seat.seed }))),
      ...labs.flatMap((l) =>
        l.steps.map((step) => {
          const c = seat.cells[`${l.id}/${step.id}`];
          const current = seat.current?.lab === l.id && seat.current.step === step.id;
          const mark = c?.status === 'passed' ? '✓' : c?.status === 'reopened' ? '↺' : current ? '▶' : '';
          const cls = c?.status === 'passed' || c?.status === 'reopened' ? c.status : current ? (stuck(seat) ? 'stuck' : 'current') : '';
          const state = c?.status === 'passed' ? t('workshop.cell-passed') : c?.status === 'reopened' ? t('workshop.cell-reopened') : current ? t('workshop.cell-working', { minutes: minutes(now - seat.current!.since) }) : t('workshop.cell-not-yet');
          const td = el('td', { className: cls, title: t('workshop.cell-title', { step: step.title, state }) }, mark);
          td.dataset.cell = `${seat.id}/${l.id}/${step.id}`;
          td.dataset.status = c?.status ?? (current ? 'current' : '');
          if (c && (c.hints || c.wrongFixes)) td.append(el('span', { className: 'counts' }, `${c.hints}/${c.wrongFixes}`));
          return td;
        }),
      ),
    ),
  );
  $('[data-grid]').replaceChildren(el('thead', {}, head1, head2), el('tbody', {}, ...rows));
  $('[data-seat-count]').textContent = t('workshop.seat-count', { n: view.seats.length });
  const stepTitle = (lab: string, step: string) => view!.labs.find((l) => l.id === lab)?.steps.find((s) => s.id === step)?.title ?? step;
  const stuckSeats = view.seats.filter(stuck).sort((a, b) => a.current!.since - b.current!.since);
  $('[data-stuck-list]').replaceChildren(
    ...(stuckSeats.length
      ? stuckSeats.map((s) => el('li', {}, t('workshop.stuck-line', { who: who(s), step: stepTitle(s.current!.lab, s.current!.step), minutes: minutes(now - s.current!.since) })))
      : [el('li', {}, t('workshop.stuck-none'))]),
  );
  $('[data-wrong-list]').replaceChildren(
    ...(view.wrongFixes.length
      ? view.wrongFixes.map((w) => el('li', {}, t('workshop.wrong-line', { step: w.stepTitle, reason: w.reason, seats: t('workshop.wrong-seats', { n: w.seats }), times: t('workshop.wrong-times', { n: w.times }) })))
      : [el('li', {}, t('workshop.wrong-none'))]),
  );
}

function showPolicy(p: ClassView['policy']): void {
  if (controls.contains(document.activeElement) && document.activeElement !== projector) return;
  for (const r of controls.querySelectorAll<HTMLInputElement>('input[name=hints]')) r.checked = r.value === p.hints;
  controls.querySelector<HTMLInputElement>('input[name=afterMinutes]')!.value = String(p.afterMinutes);
  controls.querySelector<HTMLInputElement>('input[name=showMe]')!.checked = p.showMe;
}

async function sendPolicy(): Promise<void> {
  const data = new FormData(controls);
  const policy = { hints: String(data.get('hints') ?? 'free'), afterMinutes: Math.max(0, Math.round(Number(data.get('afterMinutes') || 0))), showMe: data.get('showMe') === 'on' };
  const res = await fetch('/api/trainer/policy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(policy) });
  const live = $('[data-trainer-announce]');
  live.textContent = res.ok
    ? t('workshop.policy-set', { hints: policy.hints, after: policy.hints === 'after' ? t('workshop.policy-after', { minutes: policy.afterMinutes }) : '', showMe: policy.showMe ? t('workshop.on') : t('workshop.off') })
    : t('workshop.policy-unchanged');
}

async function boot(): Promise<void> {
  projector.checked = localStorage.getItem(PROJECTOR_KEY) === '1';
  const info = await fetch('/api/trainer/info').catch(() => undefined);
  if (!info?.ok) {
    const error = $('[data-trainer-error]');
    error.hidden = false;
    error.textContent = info?.status === 401 ? t('workshop.trainer-key-missing') : t('workshop.trainer-not-a-workshop');
    $('[data-join-line]').textContent = '';
    return;
  }
  const { joinCode } = (await info.json()) as { joinCode: string };
  $('[data-join-line]').replaceChildren(t('workshop.join-at'), el('strong', {}, `${location.origin}/workshop/join/`), t('workshop.with-code'), el('strong', {}, joinCode));
  const stream = new EventSource('/api/trainer/stream');
  stream.addEventListener('class', (e) => {
    view = JSON.parse((e as MessageEvent<string>).data) as ClassView;
    skew = view.now - Date.now();
    showPolicy(view.policy);
    render();
  });
  setInterval(render, 15_000);
}

projector.addEventListener('change', () => {
  localStorage.setItem(PROJECTOR_KEY, projector.checked ? '1' : '0');
  render();
});
stuckInput.addEventListener('input', render);
controls.addEventListener('change', (e) => {
  const target = e.target as HTMLInputElement;
  if (target === projector || target === stuckInput) return;
  void sendPolicy();
});
controls.addEventListener('submit', (e) => e.preventDefault());
void boot();
