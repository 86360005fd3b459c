/**
 * Alert thresholds over the hourly metrics (lab 4): a small config file of
 * `name = number | off` lines, and the replay that says which hours would
 * have raised an alert. `mailwatch` prints the replay; the `alert-replay`
 * check grades the same replay — never the numbers the learner typed.
 */
import type { MetricSeries } from './series.ts';

type Measure = { label: string; perHost: boolean; values(s: MetricSeries, desks: ReadonlySet<string>): Array<{ host?: string; values: (number | null)[] }> };

/** Every threshold mailwatch knows; add one here to make it usable. */
export const ALERT_MEASURES: Record<string, Measure> = {
  messages_per_hour: { label: 'messages received by the mail server in an hour', perHost: false, values: (s) => [{ values: s.received }] },
  outgoing_per_hour: { label: 'recipients relayed to other domains in an hour', perHost: false, values: (s) => [{ values: s.relayed }] },
  queue_length: { label: 'messages waiting in the queue at the end of an hour', perHost: false, values: (s) => [{ values: s.queue }] },
  rejects_per_hour: { label: 'commands the mail server refused in an hour', perHost: false, values: (s) => [{ values: s.rejected }] },
  outbound25_per_desk: {
    label: 'connections one workstation opened to port 25 on the Internet in an hour',
    perHost: true,
    values: (s, desks) => Object.entries(s.outbound25).filter(([h]) => desks.has(h)).map(([host, values]) => ({ host, values })),
  },
};

export type Thresholds = Record<string, number | undefined>;
export type ThresholdFile = { thresholds: Thresholds; errors: string[] };

export function parseThresholds(text: string): ThresholdFile {
  const thresholds: Thresholds = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const m = /^([A-Za-z0-9_]+)\s*=\s*(\S*)\s*$/.exec(line);
    if (!m) return void errors.push(`line ${i + 1}: expected NAME = NUMBER or NAME = off, got "${raw.trim()}"`);
    const [, name, value] = m as unknown as [string, string, string];
    if (!(name in ALERT_MEASURES)) return void errors.push(`line ${i + 1}: unknown threshold "${name}" (known: ${Object.keys(ALERT_MEASURES).join(', ')})`);
    if (value === 'off') thresholds[name] = undefined;
    else if (/^\d+$/.test(value)) thresholds[name] = Number(value);
    else errors.push(`line ${i + 1}: ${name} must be a whole number or off, got "${value}"`);
  });
  return { thresholds, errors };
}

export type Alert = { start: number; name: string; host?: string; value: number; threshold: number };

/** Every hour in which a value went above its threshold, oldest first. */
export function replayAlerts(s: MetricSeries, thresholds: Thresholds, desks: ReadonlySet<string>): Alert[] {
  const out: Alert[] = [];
  for (const [name, threshold] of Object.entries(thresholds)) {
    if (threshold === undefined) continue;
    for (const { host, values } of ALERT_MEASURES[name]!.values(s, desks)) {
      values.forEach((v, i) => {
        if (v !== null && v > threshold) out.push({ start: s.hours[i]!, name, host, value: v, threshold });
      });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.name.localeCompare(b.name));
}

export const hourStamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** One alert as mailwatch prints it. */
export function alertLine(a: Alert): string {
  return `${hourStamp(a.start)}  ALERT ${a.name}${a.host ? `[${a.host}]` : ''} ${a.value} > ${a.threshold}`;
}
