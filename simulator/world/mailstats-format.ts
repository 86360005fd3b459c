/**
 * `mailstats`: a pflogsumm-style report of the mail server's counters, the
 * hourly traffic, outbound SMTP per LAN host (from the firewall oracle's
 * counts) and the legitimate mail that was lost.
 */
import type { World } from './world.ts';
import { numericStats, type MailStats } from './mail-port.ts';
import type { MetricsExport } from './metrics.ts';

const pad = (v: string | number, n: number) => String(v).padStart(n);

export function hourLabel(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}

/** One row of the per-hour table: what `mailstats` prints and the lab page's traffic chart draws. */
export type HourRow = {
  start: number;
  label: string;
  received: number;
  delivered: number;
  deferred: number;
  bounced: number;
  rejected: number;
  queue: number | undefined;
  out25: number;
  out25ByHost: Record<string, number>;
};

/** The last 24 hours (the current one last), one source for the terminal table and the chart. */
export function hourRows(m: MetricsExport): HourRow[] {
  return [...m.hours, m.current].slice(-24).map((h) => ({
    start: h.start,
    label: hourLabel(h.start),
    received: h.mail['received'] ?? 0,
    delivered: h.mail['delivered'] ?? 0,
    deferred: h.mail['deferred'] ?? 0,
    bounced: h.mail['bounced'] ?? 0,
    rejected: h.mail['rejected'] ?? 0,
    queue: h.queue,
    out25: Object.values(h.outbound25).reduce((a, b) => a + b, 0),
    out25ByHost: { ...h.outbound25 },
  }));
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
  lines.push('', 'Per-Hour Traffic Summary', '------------------------', '    hour        received  delivered  deferred  bounced  rejected  queue  out:25');
  for (const r of hourRows(m)) {
    lines.push(`    ${r.label}  ${pad(r.received, 8)}  ${pad(r.delivered, 9)}  ${pad(r.deferred, 8)}  ${pad(r.bounced, 7)}  ${pad(r.rejected, 8)}  ${pad(r.queue ?? '-', 5)}  ${pad(r.out25, 6)}`);
  }
  lines.push('', 'Outbound SMTP (TCP/25 to the Internet) by LAN host', '--------------------------------------------------');
  const hosts = Object.entries(m.totals.outbound25).sort((a, b) => b[1] - a[1]);
  if (!hosts.length) lines.push('    none');
  for (const [h, n] of hosts) lines.push(`${pad(n, 8)}   ${h}  (${m.totals.outbound25Open[h] ?? 0} got through the firewall)`);
  const l = world.ledger;
  lines.push('', 'Legitimate mail', '---------------', `${pad(l.legitSent, 8)}   attempted`, `${pad(l.legitAccepted, 8)}   accepted by the server`, `${pad(l.legitFailed, 8)}   lost`);
  for (const f of l.failures.slice(-10)) lines.push(`    ${hourLabel(f.at)} ${f.kind} ${f.from} -> ${f.to}: ${f.reason}`);
  return lines.join('\n') + '\n';
}
