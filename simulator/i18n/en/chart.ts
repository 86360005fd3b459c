/**
 * The traffic chart's words (site/islands/charts): its spoken summary, legend
 * and table. The table's column heads are mailstats' own (terminal output), so
 * they stay in the chart's code.
 */
export const chart = {
  'chart.no-traffic': 'No traffic yet.',
  'chart.top-host': '; most outbound TCP/25 from {host} ({count})',
  'chart.no-outbound': '; no outbound TCP/25',
  'chart.summary': 'Hour {hour}: {received} received, {rejected} rejected, queue {queue}{top}.',
  'chart.queue-unknown': 'unknown',
  'chart.table-caption': 'Per-hour traffic (same numbers as mailstats)',
  'chart.show-table': 'Show the numbers as a table',
  'chart.no-world': 'This lab has no living world: there is no traffic to chart.',
  'chart.table-region': 'Per-hour traffic table',
  'chart.series-received': 'received/h',
  'chart.series-rejected': 'rejected/h',
  'chart.series-queue': 'queue',
  'chart.series-host': 'TCP/25 {host}',
} as const;
