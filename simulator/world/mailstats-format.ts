/**
 * `mailstats`: a pflogsumm-style report of the mail server's counters, the
 * hourly traffic, outbound SMTP per LAN host (from the firewall oracle's
 * counts) and the legitimate mail that was lost.
 */
import type { World } from './world.ts';
import { numericStats, type MailStats } from './mail-port.ts';
import type { HourMetrics, MetricsExport } from './metrics.ts';

const pad = (v: string | number, n: number) => String(v).padStart(n);

export function hourLabel(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}

/** One row of the per-hour table: what `mailstats` prints and the lab page's traffic chart draws. */
export type HourRow = {
  start: number;
  label: string;
  received: number;
  relayed: number;
  delivered: number;
  deferred: number;
  bounced: number;
  rejected: number;
  queue: number | undefined;
  out25: number;
  out25ByHost: Record<string, number>;
};

const toRow = (h: HourMetrics): HourRow => ({
  start: h.start,
  label: hourLabel(h.start),
  received: h.mail['received'] ?? 0,
  relayed: h.mail['relayed'] ?? 0,
  delivered: h.mail['delivered'] ?? 0,
  deferred: h.mail['deferred'] ?? 0,
  bounced: h.mail['bounced'] ?? 0,
  rejected: h.mail['rejected'] ?? 0,
  queue: h.queue,
  out25: Object.values(h.outbound25).reduce((a, b) => a + b, 0),
  out25ByHost: { ...h.outbound25 },
});

/** The last 24 hours (the current one last), one source for the terminal table and the chart. */
export function hourRows(m: MetricsExport): HourRow[] {
  return [...m.hours, m.current].slice(-24).map(toRow);
}

const HOUR_HEADER = '    hour        received  relayed  delivered  deferred  bounced  rejected  queue  out:25';

function hourTable(rows: readonly HourRow[], lines: string[]): void {
  lines.push(HOUR_HEADER);
  for (const r of rows) {
    lines.push(`    ${r.label}  ${pad(r.received, 8)}  ${pad(r.relayed, 7)}  ${pad(r.delivered, 9)}  ${pad(r.deferred, 8)}  ${pad(r.bounced, 7)}  ${pad(r.rejected, 8)}  ${pad(r.queue ?? '-', 5)}  ${pad(r.out25, 6)}`);
  }
}

type DayTotal = { label: string; received: number; relayed: number; delivered: number; bounced: number; rejected: number; queue?: number; out25: number };

function dayTotals(hours: readonly HourMetrics[]): DayTotal[] {
  const days = new Map<string, DayTotal>();
  for (const h of hours) {
    const label = new Date(h.start).toISOString().slice(0, 10);
    let d = days.get(label);
    if (!d) days.set(label, (d = { label, received: 0, relayed: 0, delivered: 0, bounced: 0, rejected: 0, out25: 0 }));
    d.received += h.mail['received'] ?? 0;
    d.relayed += h.mail['relayed'] ?? 0;
    d.delivered += h.mail['delivered'] ?? 0;
    d.bounced += h.mail['bounced'] ?? 0;
    d.rejected += h.mail['rejected'] ?? 0;
    if (h.queue !== undefined) d.queue = Math.max(d.queue ?? 0, h.queue);
    d.out25 += Object.values(h.outbound25).reduce((a, b) => a + b, 0);
  }
  return [...days.values()];
}

/** `mailstats --day DATE`: that day's hours, and outbound TCP/25 per LAN host that day. */
export function daySummary(world: World | undefined, date: string): string | undefined {
  if (!world) return '(the living world is off in this scenario)\n';
  const m = world.metrics();
  const hours = [...m.hours, m.current].filter((h) => new Date(h.start).toISOString().slice(0, 10) === date);
  if (!hours.length) return undefined;
  const lines = [`Per-Hour Traffic Summary for ${date}`, '------------------------------------'];
  hourTable(hours.map(toRow), lines);
  lines.push('', `Outbound SMTP (TCP/25 to the Internet) by LAN host on ${date}`, '--------------------------------------------------------------');
  const per: Record<string, number> = {};
  for (const h of hours) for (const [k, v] of Object.entries(h.outbound25)) per[k] = (per[k] ?? 0) + v;
  const rows = Object.entries(per).sort((a, b) => b[1] - a[1]);
  if (!rows.length) lines.push('    none');
  for (const [h, n] of rows) lines.push(`${pad(n, 8)}   ${h}`);
  return lines.join('\n') + '\n';
}

/** Raw counters, one `name value` per line (easy to grep and diff). */
export function rawCounters(stats: MailStats | undefined, world: World | undefined): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(numericStats(stats))) out.push(`mail.${k} ${v}`);
  if (world) {
    const l = world.ledger;
    out.push(`world.legit.sent ${l.legitSent}`, `world.legit.accepted ${l.legitAccepted}`, `world.legit.failed ${l.legitFailed}`);
    out.push(`world.spam.attempts ${l.spamAttempts}`, `world.spam.left ${l.spamLeft}`);
    const m = world.metrics();
    for (const [h, n] of Object.entries(m.totals.outbound25)) out.push(`fw.outbound25.${h} ${n}`);
    for (const [h, n] of Object.entries(m.totals.outbound25Open)) out.push(`fw.outbound25_open.${h} ${n}`);
  }
  return out.join('\n') + '\n';
}

export function summary(stats: MailStats | undefined, world: World | undefined): string {
  const s = numericStats(stats);
  const lines: string[] = ['Grand Totals', '------------', 'messages', ''];
  const row = (n: number | undefined, label: string) => lines.push(`${pad(n ?? 0, 8)}   ${label}`);
  row(s['received'], 'received');
  row(s['delivered'], 'delivered');
  row(s['relayed'], 'relayed (to other domains)');
  row(s['deferred'], 'deferred');
  row(s['bounced'], 'bounced');
  row(s['rejected'], 'rejected');
  row(s['queue'], 'in queue now');
  if (!world) return lines.join('\n') + '\n\n(the living world is off in this scenario)\n';
  const m = world.metrics();
  const all = [...m.hours, m.current];
  const days = dayTotals(all);
  if (days.length > 1) {
    // A week of history (lab 4): one line per day first, so the day something changed stands out.
    lines.push('', 'Per-Day Traffic Summary  (mailstats --day DATE: that day hour by hour)', '-----------------------', '    date        received  relayed  delivered  bounced  rejected  max queue  out:25');
    for (const d of days) lines.push(`    ${d.label}  ${pad(d.received, 8)}  ${pad(d.relayed, 7)}  ${pad(d.delivered, 9)}  ${pad(d.bounced, 7)}  ${pad(d.rejected, 8)}  ${pad(d.queue ?? '-', 9)}  ${pad(d.out25, 6)}`);
  }
  lines.push('', 'Per-Hour Traffic Summary', '------------------------');
  hourTable(hourRows(m), lines);
  lines.push('', 'Outbound SMTP (TCP/25 to the Internet) by LAN host', '--------------------------------------------------');
  const hosts = Object.entries(m.totals.outbound25).sort((a, b) => b[1] - a[1]);
  if (!hosts.length) lines.push('    none');
  for (const [h, n] of hosts) lines.push(`${pad(n, 8)}   ${h}  (${m.totals.outbound25Open[h] ?? 0} got through the firewall)`);
  const l = world.ledger;
  lines.push('', 'Legitimate mail', '---------------', `${pad(l.legitSent, 8)}   attempted`, `${pad(l.legitAccepted, 8)}   accepted by the server`, `${pad(l.legitFailed, 8)}   lost`);
  for (const f of l.failures.slice(-10)) lines.push(`    ${hourLabel(f.at)} ${f.kind} ${f.from} -> ${f.to}: ${f.reason}`);
  return lines.join('\n') + '\n';
}
