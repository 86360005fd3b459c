/**
 * The traffic panel of a lab with a living world: messages per hour, rejects, queue length and
 * outbound TCP/25 per source host over the last 24 virtual hours, from world.metrics() through
 * the same rows `mailstats` prints (simulator/world/mailstats-format.ts hourRows). A uPlot chart,
 * a data table with the same numbers (the chart's text alternative) and a one-sentence summary
 * read out by a polite live region when it changes. Loaded by a dynamic import when the learner
 * opens the Traffic tab, so uPlot is not part of what loads before the first prompt.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './traffic-chart.css';
import { hourRows, type HourRow } from '../../../simulator/world/mailstats-format.ts';
import type { MetricsExport } from '../../../simulator/world/metrics.ts';
import { t } from '../../../simulator/i18n/t.ts';
import { hourAxisRange } from './hour-axis.ts';

const COLORS = ['#1f6feb', '#cf222e', '#8250df', '#9a6700', '#1a7f37', '#bc4c00', '#0550ae', '#6e7781'];
/** Hosts drawn as their own TCP/25 line; the rest are in the table only. */
const MAX_HOSTS = 4;

export type TrafficChart = { refresh(): void; dispose(): void };

/** The hosts with the most outbound TCP/25 over the rows, most first. */
export function topHosts(rows: HourRow[], max = MAX_HOSTS): string[] {
  const total: Record<string, number> = {};
  for (const r of rows) for (const [h, n] of Object.entries(r.out25ByHost)) total[h] = (total[h] ?? 0) + n;
  return Object.entries(total)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([h]) => h);
}

/** The sentence the live region reads: the latest full hour, or the current one when none is. */
export function spokenSummary(rows: HourRow[]): string {
  const r = rows.length > 1 ? rows[rows.length - 2]! : rows[0];
  if (!r) return t('chart.no-traffic');
  const hosts = Object.entries(r.out25ByHost).sort((a, b) => b[1] - a[1]);
  const top = hosts[0] ? t('chart.top-host', { host: hosts[0][0], count: hosts[0][1] }) : t('chart.no-outbound');
  return t('chart.summary', { hour: r.label, received: r.received, rejected: r.rejected, queue: r.queue ?? t('chart.queue-unknown'), top });
}

function table(rows: HourRow[], hosts: string[]): HTMLTableElement {
  const tableEl = document.createElement('table');
  tableEl.className = 'traffic-table';
  const cap = tableEl.createCaption();
  cap.textContent = t('chart.table-caption');
  const head = ['hour', 'received', 'relayed', 'delivered', 'deferred', 'bounced', 'rejected', 'queue', 'out:25', ...hosts.map((h) => `out:25 ${h}`)];
  const hr = tableEl.createTHead().insertRow();
  for (const h of head) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    hr.append(th);
  }
  const body = tableEl.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    const cells = [r.label, r.received, r.relayed, r.delivered, r.deferred, r.bounced, r.rejected, r.queue ?? '-', r.out25, ...hosts.map((h) => r.out25ByHost[h] ?? 0)];
    cells.forEach((c, i) => {
      const td = i === 0 ? document.createElement('th') : document.createElement('td');
      if (i === 0) (td as HTMLTableCellElement).scope = 'row';
      td.textContent = String(c);
      tr.append(td);
    });
  }
  return tableEl;
}

export function mountTraffic(root: HTMLElement, metrics: () => MetricsExport | undefined): TrafficChart {
  root.replaceChildren();
  const summary = document.createElement('p');
  summary.className = 'traffic-summary';
  summary.setAttribute('aria-live', 'polite');
  summary.dataset.trafficSummary = '';
  const plotBox = document.createElement('div');
  plotBox.className = 'traffic-plot';
  plotBox.setAttribute('aria-hidden', 'true');
  const details = document.createElement('details');
  details.className = 'traffic-data';
  const sum = document.createElement('summary');
  sum.textContent = t('chart.show-table');
  details.append(sum);
  root.append(summary, plotBox, details);

  let plot: uPlot | undefined;
  let shape = '';
  const width = () => Math.max(260, Math.floor(root.clientWidth || 320));

  const refresh = () => {
    const m = metrics();
    if (!m) {
      summary.textContent = t('chart.no-world');
      return;
    }
    const rows = hourRows(m);
    const hosts = topHosts(rows);
    // The chart draws full hours only: the current hour so far would read as a sudden drop.
    // The table keeps it, as mailstats does.
    const full = rows.length > 1 ? rows.slice(0, -1) : rows;
    const data: uPlot.AlignedData = [
      full.map((r) => r.start / 1000),
      full.map((r) => r.received),
      full.map((r) => r.rejected),
      full.map((r) => r.queue ?? null),
      ...hosts.map((h) => full.map((r) => r.out25ByHost[h] ?? 0)),
    ];
    const key = hosts.join(',');
    if (!plot || key !== shape) {
      plot?.destroy();
      shape = key;
      plot = new uPlot(
        {
          width: width(),
          height: 220,
          // Ticks on UTC hours whatever the learner's time zone (the labels below print UTC too).
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
          scales: { x: { time: true, range: (_u, min, max) => hourAxisRange(min, max) } },
          series: [
            {},
            { label: t('chart.series-received'), stroke: COLORS[0], width: 2 },
            { label: t('chart.series-rejected'), stroke: COLORS[1], width: 2 },
            { label: t('chart.series-queue'), stroke: COLORS[2], width: 2, dash: [6, 4] },
            ...hosts.map((h, i) => ({ label: t('chart.series-host', { host: h }), stroke: COLORS[3 + (i % (COLORS.length - 3))], width: 1.5 })),
          ],
          // Hours as the table and mailstats print them (UTC, 24-hour clock).
          axes: [{ values: (_u, splits) => splits.map((at) => new Date(at * 1000).toISOString().slice(11, 16)) }, { size: 48 }],
          legend: { live: false },
        },
        data,
        plotBox,
      );
    } else plot.setData(data);
    details.querySelector('.traffic-scroll')?.remove();
    const scroll = document.createElement('div');
    scroll.className = 'traffic-scroll';
    scroll.tabIndex = 0;
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-label', t('chart.table-region'));
    scroll.append(table(rows, hosts));
    details.append(scroll);
    const text = spokenSummary(rows);
    if (summary.textContent !== text) summary.textContent = text;
  };

  const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height: 220 }));
  resize.observe(root);
  refresh();
  return {
    refresh,
    dispose: () => {
      resize.disconnect();
      plot?.destroy();
    },
  };
}
