/**
 * Exhibits: what a guided (staff) lab shows of the simulation instead of a
 * terminal — an employee's inbox with a real non-delivery notice, their
 * desk's task list and startup items, the ISP's complaint as IT forwards it.
 * Pure readers of the simulation's state (mailboxes, process tables, the
 * world's metrics); nothing here decides a grade, except `deskBotTask`,
 * which the `desk-bot-task` answer fact shares so the page and the grader
 * name the same task.
 *
 * The ordinary desk programs are decoration of a company PC (the simulation
 * models only what matters on a desk: the bot and its persistence); they are
 * listed here with the sentence a learner reads when they pick one.
 */
import { parseMbox } from '../mail/mailbox.ts';
import { hostByName } from '../net/topology.ts';
import type { GraderEnv } from '../grader/grader-env.ts';
import type { LabExhibit } from '../labs/schema.ts';
import type { MetricsExport } from '../world/metrics.ts';
import { BOT_ROLE } from '../world/bot-host.ts';
import { SeededRandom } from '../core/rng.ts';

/** What the page needs beside the grader's view: the living world's counters, when it runs. */
export type ExhibitEnv = GraderEnv & { readonly seed: number; readonly world?: { metrics(): MetricsExport } };

export const ORDINARY_TASKS = [
  { name: 'explorer.exe', publisher: 'Microsoft Corporation', folder: 'C:\\Windows', why: 'Windows itself: the desktop, the taskbar and your file windows' },
  { name: 'OUTLOOK.EXE', publisher: 'Microsoft Corporation', folder: 'C:\\Program Files\\Microsoft Office\\root\\Office16', why: 'your mail program, which IT installs on every desk' },
  { name: 'Teams.exe', publisher: 'Microsoft Corporation', folder: 'C:\\Program Files\\WindowsApps\\MSTeams', why: 'the chat and meetings app IT installed' },
  { name: 'msedge.exe', publisher: 'Microsoft Corporation', folder: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application', why: 'the web browser that comes with Windows' },
  { name: 'OneDrive.exe', publisher: 'Microsoft Corporation', folder: 'C:\\Program Files\\Microsoft OneDrive', why: 'the app that keeps your documents backed up, set up by IT' },
  { name: 'MsMpEng.exe', publisher: 'Microsoft Corporation', folder: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform', why: 'the antivirus (Microsoft Defender); it belongs there — keep it running' },
] as const;

const ORDINARY_STARTUP = ['Microsoft OneDrive', 'Microsoft Teams', 'Windows Security notification icon'];

export type Message = { from: string; to: string; subject: string; date: string; text: string };
export type InboxExhibit = { show: 'inbox'; user: string; messages: Message[]; opened?: number };
export type DeskTask = { name: string; publisher: string; folder: string; cpu: number; memoryMb: number };
export type DeskExhibit = {
  show: 'desk';
  host: string;
  user: string;
  tasks: DeskTask[];
  startup: string[];
  /** Connections the desk opened to other companies' mail servers (TCP/25) while the world ran. */
  outbound25: number;
  /** How many of the company's desks made no such connection at all. */
  quietDesks: number;
  desks: number;
};
export type ComplaintExhibit = { show: 'complaint'; host: string; forwardedTo: string; subject: string; date: string; summary: string; sample?: Message };
export type Exhibit = InboxExhibit | DeskExhibit | ComplaintExhibit;

const header = (raw: string, name: string): string => new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, 'mi').exec(raw.slice(0, headerEnd(raw)))?.[1]?.replace(/\n[ \t]+/g, ' ').trim() ?? '';
const headerEnd = (raw: string) => {
  const i = raw.indexOf('\n\n');
  return i < 0 ? raw.length : i;
};
const bodyOf = (raw: string) => raw.slice(headerEnd(raw) + 2);

function message(raw: string): Message {
  return { from: header(raw, 'From'), to: header(raw, 'To'), subject: header(raw, 'Subject'), date: header(raw, 'Date'), text: raw };
}

function userOf(sim: GraderEnv, host: string): string {
  return sim.findHost(host)?.user ?? host;
}

/** A user's mailbox, newest first, the newest non-delivery notice opened. */
export function inbox(sim: GraderEnv, user: string): InboxExhibit {
  const messages = parseMbox(sim.mailbox(user))
    .map((m) => ({ ...message(m.raw), date: header(m.raw, 'Date') || (/^Arrival-Date: (.*)$/m.exec(m.raw)?.[1] ?? '') }))
    .reverse();
  const opened = messages.findIndex((m) => /^Undelivered Mail/.test(m.subject));
  return { show: 'inbox', user, messages, opened: opened < 0 ? undefined : opened };
}

const basename = (command: string) => command.split(' ')[0]!.split('\\').pop()!;
const folderOf = (command: string) => command.split(' ')[0]!.split('\\').slice(0, -1).join('\\');

/** The spambot's program on a desk, as its task list names it (undefined on a clean desk). */
export function deskBotTask(sim: GraderEnv, host: string): { name: string; folder: string } | undefined {
  const p = sim.machine(host).procs.processes.find((x) => x.role === BOT_ROLE);
  return p ? { name: basename(p.command), folder: folderOf(p.command) } : undefined;
}

export function desk(sim: ExhibitEnv, host: string): DeskExhibit {
  const m = sim.machine(host);
  const user = userOf(sim, host);
  const ordinary: DeskTask[] = ORDINARY_TASKS.map((t, i) => ({ name: t.name, publisher: t.publisher, folder: t.folder, cpu: [0.4, 1.1, 0.8, 0.6, 0.1, 0.9][i]!, memoryMb: [96, 310, 240, 180, 42, 150][i]! }));
  const odd: DeskTask[] = m.procs.processes
    .filter((p) => p.role === BOT_ROLE)
    .map((p) => ({ name: basename(p.command), publisher: '', folder: folderOf(p.command), cpu: p.cpu, memoryMb: Math.round(p.rssKb / 1024) }));
  // Where the odd one sits in the list is the seed's, so it is never simply "the last row".
  const tasks = [...ordinary];
  const rng = new SeededRandom((sim.seed ^ 0xde5c) >>> 0);
  for (const t of odd) tasks.splice(rng.int(0, tasks.length), 0, t);
  const cron = Object.values(m.procs.crontabs)
    .flatMap((t) => t.split('\n'))
    .filter((l) => l.trim() && !l.trimStart().startsWith('#'))
    .map((l) => `Every minute: ${l.split(/\s+/).slice(5).join(' ').replace(/ >\/dev\/null 2>&1$/, '')}`);
  const units = m.procs.units.filter((u) => u.enabled).map((u) => `${u.description}: ${u.execStart}`);
  const metrics = sim.world?.metrics();
  const per = metrics ? metrics.totals.outbound25 : {};
  const short = m.host.short;
  const all = sim.topology.hosts.filter((h) => h.role === 'workstation');
  return {
    show: 'desk',
    host: short,
    user,
    tasks,
    startup: [...ORDINARY_STARTUP, ...cron, ...units],
    outbound25: per[short] ?? 0,
    quietDesks: all.filter((h) => !per[h.short]).length,
    desks: all.length,
  };
}

/** The ISP's abuse report naming this desk (HELO or LAN address in the sample), from postmaster's mailbox. */
export function complaint(sim: GraderEnv, host: string): ComplaintExhibit {
  const h = hostByName(sim.topology, host);
  const short = h?.short ?? host;
  const lan = h?.interfaces[0]?.ip ?? '';
  const reports = parseMbox(sim.mailbox('admin')).filter((m) => /report-type=feedback-report/.test(m.raw));
  const mine = reports.find((r) => new RegExp(`^Received: from (?:${short}\\b|\\[${lan.replace(/\./g, '\\.')}\\])`, 'mi').test(r.raw));
  const forwardedTo = userOf(sim, host);
  if (!mine) return { show: 'complaint', host: short, forwardedTo, subject: '', date: '', summary: '' };
  const raw = mine.raw;
  const parts = raw.split(/^--\S+$/m);
  const human = parts.find((p) => /Content-Type: text\/plain/i.test(p)) ?? '';
  const original = parts.find((p) => /Content-Type: message\/rfc822/i.test(p)) ?? '';
  return {
    show: 'complaint',
    host: short,
    forwardedTo,
    subject: header(raw, 'Subject'),
    date: header(raw, 'Date'),
    summary: bodyOf(human.replace(/^\n/, '')).trim(),
    sample: original ? message(bodyOf(original.replace(/^\n/, '')).trim() + '\n') : undefined,
  };
}

/** The exhibit a step names, read from the simulation now. */
export function exhibitOf(sim: ExhibitEnv, e: LabExhibit): Exhibit {
  const host = e.host ?? 'ws01';
  if (e.show === 'inbox') return inbox(sim, e.user ?? userOf(sim, host));
  if (e.show === 'desk') return desk(sim, host);
  return complaint(sim, host);
}

/** Choices a question reads from its exhibit (`question.choicesFrom`). */
export function exhibitChoices(ex: Exhibit, from: 'desk-tasks'): string[] {
  return from === 'desk-tasks' && ex.show === 'desk' ? ex.tasks.map((t) => t.name) : [];
}
