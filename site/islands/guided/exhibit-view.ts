/**
 * The exhibits of a guided lab as DOM: a mail client with the notice open, a
 * task manager, a forwarded complaint. Text only ever goes in through
 * textContent. Wide parts (tables, raw mail) scroll inside a focusable
 * region, so a keyboard user can scroll them and the page never scrolls sideways.
 */
import type { ComplaintExhibit, DeskExhibit, Exhibit, InboxExhibit, Message } from '../../../simulator/guided/exhibits.ts';

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
  for (const [k, v] of [['From', m.from], ['To', m.to], ['Subject', m.subject], ['Date', m.date]] as const) if (v) dl.append(el('dt', {}, k), el('dd', {}, v));
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
    el('tr', i === ex.opened ? { class: 'ex-selected', 'aria-current': 'true' } : {}, el('td', { 'data-label': 'From' }, m.from.replace(/ \(.*\)$/, '')), el('td', { 'data-label': 'Subject' }, m.subject), el('td', { class: 'num', 'data-label': 'Received' }, m.date.replace(/ \+0000.*$/, ''))),
  );
  const table = el('table', {}, el('caption', { class: 'visually-hidden' }, `Inbox of ${ex.user}`), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'From'), el('th', { scope: 'col' }, 'Subject'), el('th', { scope: 'col' }, 'Received'))), el('tbody', {}, ...rows));
  const open = ex.opened !== undefined ? ex.messages[ex.opened] : undefined;
  const body: Node[] = [scroller('Inbox', table)];
  if (open) {
    const source = el('details', { class: 'ex-source' }, el('summary', {}, 'Show the whole message, as sent (technical details)'), rawText('The whole message as sent', original(open)));
    body.push(el('p', { class: 'ex-sub' }, 'The open message'), headers(open), rawText('The message text', readable(open)), source);
  }
  else body.push(el('p', {}, 'No message came back.'));
  return frame(`Mail — inbox of ${ex.user}@corp.example`, ...body);
}

/** `again`: this desk's task list is already on the page (an earlier step), so only what is new is shown. */
function desk(ex: DeskExhibit, again: boolean): HTMLElement {
  const rows = ex.tasks.map((t) =>
    el(
      'tr',
      {},
      el('td', { 'data-label': 'Name' }, t.name),
      el('td', { 'data-label': 'Publisher' }, t.publisher || '—'),
      el('td', { class: 'path', 'data-label': 'Folder' }, t.folder),
      el('td', { class: 'num', 'data-label': 'CPU' }, `${t.cpu.toFixed(1)} %`),
      el('td', { class: 'num', 'data-label': 'Memory' }, `${t.memoryMb} MB`),
    ),
  );
  const head = el('tr', {}, ...['Name', 'Publisher', 'Folder', 'CPU', 'Memory'].map((h) => el('th', { scope: 'col' }, h)));
  const table = el('table', {}, el('caption', { class: 'visually-hidden' }, `Tasks running on ${ex.host}`), el('thead', {}, head), el('tbody', {}, ...rows));
  const startup = el('ul', {}, ...ex.startup.map((s) => el('li', {}, s)));
  const net = el(
    'p',
    {},
    'Connections from this PC to other companies’ mail servers (port 25) since this morning: ',
    el('span', { class: 'ex-figure' }, String(ex.outbound25)),
    `. Desks in the company with none at all: ${ex.quietDesks} of ${ex.desks}.`,
  );
  const tasks = again ? [el('p', {}, 'The running tasks are listed in the first question.')] : [el('p', { class: 'ex-sub' }, 'Running tasks'), scroller('Running tasks', table)];
  return frame(
    `Task Manager — ${ex.host}, signed in as ${ex.user}`,
    ...tasks,
    el('p', { class: 'ex-sub' }, 'Starts automatically'),
    startup,
    el('p', { class: 'ex-sub' }, 'Network (from the firewall’s counters)'),
    net,
  );
}

function complaint(ex: ComplaintExhibit): HTMLElement {
  if (!ex.subject) return frame('Forwarded by IT', el('p', {}, 'No complaint about this desk has arrived yet.'));
  const intro = el('p', {}, `IT to ${ex.forwardedTo}: “The provider’s abuse desk sent us this. The sample below names your desk, ${ex.host}. Please call us before you do anything else.”`);
  const report = headers({ from: 'ISP Abuse Desk <abuse@isp.example>', to: 'postmaster@corp.example', subject: ex.subject, date: ex.date, text: '' });
  const body: Node[] = [intro, el('p', { class: 'ex-sub' }, 'The complaint'), report, rawText('The complaint text', ex.summary)];
  if (ex.sample) body.push(el('p', { class: 'ex-sub' }, 'The sample of the spam they attached'), rawText('The sample message', ex.sample.text.trim()));
  return frame('Forwarded by IT', ...body);
}

export function renderExhibit(ex: Exhibit, opts: { again?: boolean } = {}): HTMLElement {
  if (ex.show === 'inbox') return inbox(ex);
  if (ex.show === 'desk') return desk(ex, opts.again ?? false);
  return complaint(ex);
}
