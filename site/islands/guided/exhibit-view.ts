/**
 * The exhibits of a guided lab as DOM: a mail client with the notice open, a
 * task manager, a forwarded complaint. Text only ever goes in through
 * textContent. Wide parts (tables, raw mail) scroll inside a focusable
 * region, so a keyboard user can scroll them and the page never scrolls sideways.
 */
import type { ComplaintExhibit, DeskExhibit, Exhibit, InboxExhibit, Message } from '../../../simulator/guided/exhibits.ts';
import { t } from '../../../simulator/i18n/t.ts';

type Attrs = Record<string, string>;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A region that scrolls: focusable and named, as screen readers and axe expect. */
const scroller = (label: string, child: Node) => el('div', { class: 'ex-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, child);
/** Raw mail text scrolls by itself (it is taller than a screen), so the <pre> is the focusable region. */
const rawText = (label: string, text: string) => el('pre', { role: 'region', 'aria-label': label, tabindex: '0' }, text);

function frame(title: string, ...body: Node[]): HTMLElement {
  return el('section', { class: 'ex', 'aria-label': title }, el('div', { class: 'ex-bar' }, title), el('div', { class: 'ex-body' }, ...body));
}

function headers(m: Message): HTMLElement {
  const dl = el('dl', { class: 'ex-headers' });
  for (const [k, v] of [[t('guided.header-from'), m.from], [t('guided.header-to'), m.to], [t('guided.header-subject'), m.subject], [t('guided.header-date'), m.date]] as const) if (v) dl.append(el('dt', {}, k), el('dd', {}, v));
  return dl;
}

/** The part a mail program shows of a multipart/report: the text/plain notification (all of a plain message). */
function readable(m: Message): string {
  const part = /Content-Description: Notification\n(?:[^\n]+\n)*\n([\s\S]*?)\n--/.exec(m.text)?.[1];
  return (part ?? m.text.slice(m.text.indexOf('\n\n') + 2)).trimEnd();
}

/** The message as a mail client's "show original" view: headers and body, no envelope lines. */
function original(m: Message): string {
  return m.text.replace(/^(Return-Path|X-Original-To|Delivered-To):.*\n/gm, '');
}

function inbox(ex: InboxExhibit): HTMLElement {
  const rows = ex.messages.map((m, i) =>
    el('tr', i === ex.opened ? { class: 'ex-selected', 'aria-current': 'true' } : {}, el('td', { 'data-label': t('guided.header-from') }, m.from.replace(/ \(.*\)$/, '')), el('td', { 'data-label': t('guided.header-subject') }, m.subject), el('td', { class: 'num', 'data-label': t('guided.inbox-received') }, m.date.replace(/ \+0000.*$/, ''))),
  );
  const table = el('table', {}, el('caption', { class: 'visually-hidden' }, t('guided.inbox-caption', { user: ex.user })), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('guided.header-from')), el('th', { scope: 'col' }, t('guided.header-subject')), el('th', { scope: 'col' }, t('guided.inbox-received')))), el('tbody', {}, ...rows));
  const open = ex.opened !== undefined ? ex.messages[ex.opened] : undefined;
  const body: Node[] = [scroller(t('guided.inbox-region'), table)];
  if (open) {
    const source = el('details', { class: 'ex-source' }, el('summary', {}, t('guided.inbox-show-source')), rawText(t('guided.inbox-source-region'), original(open)));
    body.push(el('p', { class: 'ex-sub' }, t('guided.inbox-open-message')), headers(open), rawText(t('guided.inbox-text-region'), readable(open)), source);
  }
  else body.push(el('p', {}, t('guided.inbox-empty')));
  return frame(t('guided.inbox-title', { user: ex.user }), ...body);
}

/** `again`: this desk's task list is already on the page (an earlier step), so only what is new is shown. */
function desk(ex: DeskExhibit, again: boolean): HTMLElement {
  const rows = ex.tasks.map((task) =>
    el(
      'tr',
      {},
      el('td', { 'data-label': t('guided.desk-name') }, task.name),
      el('td', { 'data-label': t('guided.desk-publisher') }, task.publisher || '—'),
      el('td', { class: 'path', 'data-label': t('guided.desk-folder') }, task.folder),
      el('td', { class: 'num', 'data-label': t('guided.desk-cpu') }, `${task.cpu.toFixed(1)} %`),
      el('td', { class: 'num', 'data-label': t('guided.desk-memory') }, `${task.memoryMb} MB`),
    ),
  );
  const head = el('tr', {}, ...[t('guided.desk-name'), t('guided.desk-publisher'), t('guided.desk-folder'), t('guided.desk-cpu'), t('guided.desk-memory')].map((h) => el('th', { scope: 'col' }, h)));
  const table = el('table', {}, el('caption', { class: 'visually-hidden' }, t('guided.desk-caption', { host: ex.host })), el('thead', {}, head), el('tbody', {}, ...rows));
  const startup = el('ul', {}, ...ex.startup.map((s) => el('li', {}, s)));
  const net = el(
    'p',
    {},
    t('guided.desk-outbound-before'),
    el('span', { class: 'ex-figure' }, String(ex.outbound25)),
    t('guided.desk-outbound-after', { quiet: ex.quietDesks, desks: ex.desks }),
  );
  const tasks = again ? [el('p', {}, t('guided.desk-tasks-again'))] : [el('p', { class: 'ex-sub' }, t('guided.desk-tasks')), scroller(t('guided.desk-tasks'), table)];
  return frame(
    t('guided.desk-title', { host: ex.host, user: ex.user }),
    ...tasks,
    el('p', { class: 'ex-sub' }, t('guided.desk-startup')),
    startup,
    el('p', { class: 'ex-sub' }, t('guided.desk-network')),
    net,
  );
}

function complaint(ex: ComplaintExhibit): HTMLElement {
  if (!ex.subject) return frame(t('guided.complaint-title'), el('p', {}, t('guided.complaint-none')));
  const intro = el('p', {}, t('guided.complaint-intro', { to: ex.forwardedTo, host: ex.host }));
  const report = headers({ from: 'ISP Abuse Desk <abuse@isp.example>', to: 'postmaster@corp.example', subject: ex.subject, date: ex.date, text: '' });
  const body: Node[] = [intro, el('p', { class: 'ex-sub' }, t('guided.complaint-heading')), report, rawText(t('guided.complaint-text-region'), ex.summary)];
  if (ex.sample) body.push(el('p', { class: 'ex-sub' }, t('guided.complaint-sample-heading')), rawText(t('guided.complaint-sample-region'), ex.sample.text.trim()));
  return frame(t('guided.complaint-title'), ...body);
}

export function renderExhibit(ex: Exhibit, opts: { again?: boolean } = {}): HTMLElement {
  if (ex.show === 'inbox') return inbox(ex);
  if (ex.show === 'desk') return desk(ex, opts.again ?? false);
  return complaint(ex);
}
