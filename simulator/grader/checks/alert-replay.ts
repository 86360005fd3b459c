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
    if (text === undefined) return fail(`${p.path} is missing on ${sim.machine(p.host).host.short}.`);
    const { thresholds, errors } = parseThresholds(text);
    if (errors.length) return fail(`${p.path} ${errors[0]}: mailwatch cannot read it.`);
    const incident = sim.world?.incidents[0];
    if (!sim.world || !incident) return fail('Nothing unusual happened on this network, so there is nothing for the thresholds to catch.');
    if (Object.values(thresholds).every((v) => v === undefined)) {
      return fail(`Every threshold in ${p.path} is off: no alert would have fired all week, and the spam that started ${hourStamp(incident.at)} went unnoticed.`);
    }
    const desks = new Set(workstations(sim.topology).map((h) => h.short));
    const alerts = replayAlerts(sim.world.series(), thresholds, desks);
    const early = alerts.filter((a) => a.start + HOUR <= incident.at);
    if (early.length) {
      const names = [...new Set(early.map((a) => a.name))];
      return fail(`Your thresholds would have raised ${early.length} alert${early.length === 1 ? '' : 's'} before the spam started (first: ${alertLine(early[0]!)}; from ${names.join(', ')}): an alarm that rings on normal days gets ignored — set it above what the quiet days reach.`);
    }
    const deadline = incident.at + p.withinHours * HOUR;
    const caught = alerts.find((a) => a.start < deadline);
    if (!caught) {
      const late = alerts[0];
      const when = late ? `the first alert came only at ${hourStamp(late.start)} (${late.name})` : 'none of them fired at all';
      return fail(`Your thresholds stay quiet on normal days, but the spam started ${hourStamp(incident.at)} and ${when}: which number changed when it started?`);
    }
    return pass(`Quiet all week before the spam, then ${alertLine(caught)} — within ${Math.max(0, Math.ceil((caught.start + HOUR - incident.at) / HOUR))} h of its start.`);
  },
};
