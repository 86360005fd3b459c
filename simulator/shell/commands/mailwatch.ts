/**
 * mailwatch: the small monitoring tool of lab 4. It reads alert thresholds
 * from /etc/mailwatch.conf and replays the mail server's hourly metrics
 * against them, printing every hour that would have raised an alert — the
 * same replay the lab's `alert-replay` check grades (world/alerts.ts).
 */
import type { CommandSpec } from '../command-spec.ts';
import { workstations } from '../../net/topology.ts';
import { ALERT_MEASURES, alertLine, hourStamp, parseThresholds, replayAlerts } from '../../world/alerts.ts';
import { look } from '../look.ts';

export const MAILWATCH_CONF = '/etc/mailwatch.conf';
const SHOWN = 40;

export const mailwatchCommand: CommandSpec = {
  name: 'mailwatch',
  summary: 'replay the mail metrics against the alert thresholds in /etc/mailwatch.conf',
  usage: 'mailwatch [-c FILE]',
  man:
    `Reads thresholds (NAME = NUMBER, or NAME = off) from ${MAILWATCH_CONF} and replays every\n` +
    'closed hour of the metrics mailstats reports against them: an hour whose value is above\n' +
    'its threshold raises an alert. Thresholds:\n' +
    Object.entries(ALERT_MEASURES).map(([k, m]) => `  ${k.padEnd(20)} ${m.label}`).join('\n') +
    '\nA good threshold stays quiet on normal days and fires soon after trouble starts.',
  availableOn: (h) => h.short === 'ops',
  run: (ctx) => {
    const c = ctx.args.indexOf('-c');
    const path = c >= 0 ? (ctx.args[c + 1] ?? '') : MAILWATCH_CONF;
    const text = ctx.machine.fs.tryRead(path);
    if (text === undefined) return ctx.err(`mailwatch: ${path}: No such file or directory\n`), 1;
    look(ctx, 'file', path);
    const world = ctx.sim.world;
    if (!world) return ctx.err('mailwatch: no metrics: the mail server has not been monitored in this scenario\n'), 1;
    look(ctx, 'stats');
    const { thresholds, errors } = parseThresholds(text);
    for (const e of errors) ctx.err(`mailwatch: ${path}: ${e}\n`);
    if (errors.length) return 1;
    const on = Object.entries(thresholds).filter(([, v]) => v !== undefined);
    const s = world.series();
    const desks = new Set(workstations(ctx.sim.topology).map((h) => h.short));
    const alerts = replayAlerts(s, thresholds, desks);
    const span = s.hours.length ? `${hourStamp(s.hours[0]!)} to ${hourStamp(s.hours[s.hours.length - 1]! + 3_600_000)}` : 'no hours yet';
    ctx.out(`mailwatch: ${on.length ? on.map(([k, v]) => `${k} > ${v}`).join(', ') : 'every threshold is off'}\n`);
    ctx.out(`mailwatch: replaying ${s.hours.length} hours (${span})\n`);
    for (const a of alerts.slice(0, SHOWN)) ctx.out(alertLine(a) + '\n');
    if (alerts.length > SHOWN) ctx.out(`... ${alerts.length - SHOWN} more\n`);
    ctx.out(`mailwatch: ${alerts.length} alert${alerts.length === 1 ? '' : 's'}${alerts[0] ? `, first at ${hourStamp(alerts[0].start)}` : ''}\n`);
    return 0;
  },
};
