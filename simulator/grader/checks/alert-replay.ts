/**
 * alert-replay (lab 4): would the learner's thresholds have caught the
 * incident? Reads the threshold file as it is now, replays the world's hourly
 * metrics against it (world/alerts.ts, the replay `mailwatch` prints) and
 * asks two things: quiet before the incident started (no false alarms), and
 * an alert within `withinHours` of its start. Never reads the numbers typed.
 */
import { z } from 'zod';
import { workstations } from '../../net/topology.ts';
import { alertLine, hourStamp, parseThresholds, replayAlerts } from '../../world/alerts.ts';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';

const HOUR = 3_600_000;

const params = z
  .object({
    host: z.string().default('ops').describe('Host holding the threshold file'),
    path: z.string().default('/etc/mailwatch.conf').describe('The threshold file (NAME = NUMBER | off lines)'),
    withinHours: z.number().int().min(1).max(48).default(2).describe('An alert must fire within this many hours of the incident\'s start'),
  })
  .strict();

export const alertReplayCheck: CheckKind<z.infer<typeof params>> = {
  kind: 'alert-replay',
  summary: "the threshold file's alerts, replayed over the week's metrics, stay quiet before the incident and fire soon after it starts",
  probe: false,
  params,
  refs: (p) => ({ hosts: [p.host] }),
  async run({ sim }, p) {
    const text = sim.machine(p.host).fs.tryRead(p.path);
    if (text === undefined) return fail(t('grader.alert-replay.missing', { path: p.path, host: sim.machine(p.host).host.short }));
    const { thresholds, errors } = parseThresholds(text);
    if (errors.length) return fail(t('grader.alert-replay.unreadable', { path: p.path, error: errors[0]! }));
    const incident = sim.world?.incidents[0];
    if (!sim.world || !incident) return fail(t('grader.alert-replay.no-incident'));
    if (Object.values(thresholds).every((v) => v === undefined)) {
      return fail(t('grader.alert-replay.all-off', { path: p.path, start: hourStamp(incident.at) }));
    }
    const desks = new Set(workstations(sim.topology).map((h) => h.short));
    const alerts = replayAlerts(sim.world.series(), thresholds, desks);
    const early = alerts.filter((a) => a.start + HOUR <= incident.at);
    if (early.length) {
      const names = [...new Set(early.map((a) => a.name))];
      return fail(t('grader.alert-replay.early', { n: early.length, first: alertLine(early[0]!), names: names.join(t('grader.list.separator')) }));
    }
    const deadline = incident.at + p.withinHours * HOUR;
    const caught = alerts.find((a) => a.start < deadline);
    if (!caught) {
      const late = alerts[0];
      const when = late ? t('grader.alert-replay.first-late', { at: hourStamp(late.start), name: late.name }) : t('grader.alert-replay.none-fired');
      return fail(t('grader.alert-replay.late', { start: hourStamp(incident.at), when }));
    }
    return pass(t('grader.alert-replay.caught', { alert: alertLine(caught), hours: Math.max(0, Math.ceil((caught.start + HOUR - incident.at) / HOUR)) }));
  },
};
