/**
 * The change record shown when a lab is complete, to print and attach to a change ticket: what the
 * learner changed (main.cf and the firewall rules, as diffs against the lab's starting network),
 * the relay battery from outside before and after, whether mail still flows both ways, the time
 * taken and the hints used. "Before" is the same scenario and seed built afresh — the network as
 * the lab started it — so the record does not depend on anything remembered. Every probe here is
 * the grader's own (no trace on the learner's network).
 */
import { Simulation, type SimulationOptions } from '../../../simulator/simulation.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';
import { runBattery, type RelayBatteryResult } from '../../../simulator/grader/checks/relay-battery.ts';
import { mailInboundCheck, mailOutboundCheck } from '../../../simulator/grader/checks/mail-flow.ts';
import { iptables } from '../../../simulator/net/iptables.ts';
import { MAIL_HOST } from '../../../simulator/net/corp-hosts.ts';
import type { GraderEnv } from '../../../simulator/grader/grader-env.ts';
import { t } from '../../../simulator/i18n/t.ts';

/**
 * The mail-flow checks' default parameters, as their schemas fill them in for `{}` (the browser runs
 * no schema: site/node-shims/zod.ts). tests/unit/labs/prepared-lab.test.ts holds them to the schemas.
 */
export const RECORD_MAIL_FLOW = {
  inbound: { target: MAIL_HOST, expect: 'accepted', from: 'outside', mailFrom: 'partner@example.net', rcptTo: 'bob@corp.example' },
  outbound: { target: MAIL_HOST, expect: 'accepted', from: 'ws01', mailFrom: 'alice@corp.example', rcptTo: 'customer@example.net' },
} as const;

export type DiffLine = { op: ' ' | '-' | '+'; text: string };
export type ChangeRecord = {
  lab: string;
  seed: number;
  mainCf: DiffLine[];
  firewall: DiffLine[];
  battery: { before: string; after: string };
  mailFlow: Array<{ pass: boolean; reason: string }>;
  minutes: number;
  seconds: number;
  hints: number;
  solutions: number;
};

/** A line diff (longest common subsequence), only changed lines and one line of context around them. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.replace(/\n$/, '').split('\n');
  const b = after.replace(/\n$/, '').split('\n');
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const all: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) all.push({ op: ' ', text: a[i++]! }), j++;
    // Removed lines first, as diff -u shows them.
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) all.push({ op: '-', text: a[i++]! });
    else all.push({ op: '+', text: b[j++]! });
  }
  const near = (k: number) => all.slice(Math.max(0, k - 1), k + 2).some((l) => l.op !== ' ');
  return all.filter((l, k) => l.op !== ' ' || near(k));
}

const batteryLine = (r: RelayBatteryResult) =>
  !r.reached ? t('record.battery-unreachable', { why: r.why }) : r.accepted.length ? t('record.battery-open', { accepted: r.accepted.length }) : t('record.battery-closed');

export async function changeRecord(sim: GraderEnv & { firewall: Simulation['firewall'] }, lab: Lab, seed: number, options: Omit<SimulationOptions, 'seed'>, progress: { startedAt: number; finishedAt?: number; hints: Record<string, number> }): Promise<ChangeRecord> {
  const start = new Simulation({ ...options, seed });
  const rules = (s: { firewall: Simulation['firewall'] }) => iptables(s.firewall, ['-S']).stdout;
  const mainCf = (s: GraderEnv) => s.machine('mail').fs.tryRead('/etc/postfix/main.cf') ?? '';
  const ctx = { sim, answers: {}, stepId: '' };
  const ms = Math.max(0, (progress.finishedAt ?? Date.now()) - progress.startedAt);
  let hints = 0;
  let solutions = 0;
  for (const step of lab.steps) {
    const used = progress.hints[step.id] ?? 0;
    hints += Math.min(used, step.hints.length);
    if (used > step.hints.length) solutions++;
  }
  return {
    lab: lab.title,
    seed,
    mainCf: lineDiff(mainCf(start), mainCf(sim)),
    firewall: lineDiff(rules(start), rules(sim)),
    battery: { before: batteryLine(await runBattery(start, 'outside', MAIL_HOST, 25)), after: batteryLine(await runBattery(sim, 'outside', MAIL_HOST, 25)) },
    mailFlow: [await mailInboundCheck.run(ctx, RECORD_MAIL_FLOW.inbound), await mailOutboundCheck.run(ctx, RECORD_MAIL_FLOW.outbound)],
    minutes: Math.floor(ms / 60000),
    seconds: Math.round((ms % 60000) / 1000),
    hints,
    solutions,
  };
}

/** The record as the page shows and prints it. */
export function renderRecord(root: HTMLElement, r: ChangeRecord): void {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const diff = (title: string, lines: DiffLine[]) => {
    const box = el('div');
    box.append(el('h4', title));
    if (!lines.length) return box.append(el('p', t('record.no-change'))), box;
    const pre = el('pre', undefined, 'diff');
    // A long diff scrolls sideways: keyboard users must be able to reach and scroll it too.
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', title);
    for (const l of lines) pre.append(el('span', `${l.op} ${l.text}\n`, l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'ctx'));
    box.append(pre);
    return box;
  };
  const facts = el('dl');
  const fact = (k: string, v: string) => facts.append(el('dt', k), el('dd', v));
  fact(t('record.lab'), t('record.lab-value', { lab: r.lab, seed: r.seed }));
  fact(t('record.battery-before'), r.battery.before);
  fact(t('record.battery-after'), r.battery.after);
  for (const f of r.mailFlow) fact(f.pass ? t('record.mail-flow-pass') : t('record.mail-flow-fail'), f.reason);
  fact(t('record.time-taken'), `${r.minutes ? t('lab.time-minutes', { minutes: r.minutes }) : ''}${t('record.time-seconds', { seconds: r.seconds })}`);
  fact(t('record.hints-used'), `${r.hints}${r.solutions ? t('record.solutions-shown', { n: r.solutions }) : ''}`);
  root.replaceChildren(facts, diff(t('record.main-cf'), r.mainCf), diff(t('record.firewall'), r.firewall));
}
