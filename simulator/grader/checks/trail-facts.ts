/**
 * Facts for labs 4 and 5 (watch the server, follow the trail): what the
 * scenario did — which desks are infected, what the ISP complained about, when
 * the spam started, what changed and from where — each known only once the
 * learner looked where it shows (`look` evidence: mailstats, the firewall
 * log, mail.log, postmaster's mail, a desk's processes). Reasons say where to
 * look, in the learner's words, never the answer.
 */
import type { GraderEnv } from '../grader-env.ts';
import type { EvidenceLog } from '../evidence.ts';
import { FW_HOST, MAIL_HOST } from '../../net/corp-hosts.ts';
import { infectedHosts, workstations } from '../../net/topology.ts';
import type { Fact } from './answer.ts';
import { hourStamp } from '../../world/alerts.ts';
import { t } from '../../i18n/t.ts';

const FIREWALL_LOG = '/var/log/firewall.log';
const MAIL_LOG = '/var/log/mail.log';
const HOUR = 3_600_000;

/** Looked at the traffic report anywhere (mailstats on ops or mail). */
const sawStats = (ev: EvidenceLog) => [...ev.looks.values()].some((l) => l.kinds.has('stats'));
const sawFirewallLog = (ev: EvidenceLog) => ev.looked(FW_HOST, 'file', FIREWALL_LOG);
const sawMailLog = (ev: EvidenceLog) => ev.looked(MAIL_HOST, 'file', MAIL_LOG);
/** Looked at a desk itself: what runs there, what is connected, what starts things. */
const examined = (ev: EvidenceLog, host: string) => (['processes', 'sockets', 'crontab', 'units'] as const).some((k) => ev.looked(host, k));

export function infectedFound(sim: GraderEnv, ev: EvidenceLog, named: string[]): Fact {
  if (!sawFirewallLog(ev) && !sawStats(ev)) {
    return { kind: 'unknown', why: t('grader.trail.follow-first') };
  }
  const desks = new Set(workstations(sim.topology).map((h) => h.short));
  const unexamined = named.filter((n) => desks.has(n) && !examined(ev, sim.findHost(n)!.name));
  if (unexamined.length) {
    const h = unexamined[0]!;
    return { kind: 'unknown', why: t('grader.trail.not-examined', { n: unexamined.length, hosts: unexamined.join(', '), host: h }) };
  }
  const infected = infectedHosts(sim.topology).map((h) => h.short);
  return {
    kind: 'set',
    values: infected,
    noun: t('grader.answer.infected-noun'),
    wrong: (items) => {
      const notDesk = items.filter((i) => !desks.has(i));
      if (notDesk.length) return t('grader.trail.not-a-desk', { n: notDesk.length, items: notDesk.join(', ') });
      return t('grader.trail.clean-desk', { n: items.length, items: items.join(', ') });
    },
    missing: (n) => t('grader.trail.desks-missing', { n }),
  };
}

export function complaintAddress(sim: GraderEnv, ev: EvidenceLog): Fact {
  const read = [...ev.looks.entries()].some(([host, l]) => l.kinds.has('mailbox') || (host === MAIL_HOST && [...l.paths].some((p) => p.startsWith('/var/mail/'))));
  if (!read) return { kind: 'unknown', why: t('grader.trail.read-complaint') };
  const c = sim.world?.complaints.find((x) => x.delivered);
  if (!c) return { kind: 'unknown', why: t('grader.trail.no-complaint') };
  return { kind: 'one', values: [c.ip], noun: t('grader.trail.complaint-noun'), because: t('grader.trail.complaint-because', { ip: c.ip }) };
}

function incident(sim: GraderEnv) {
  return sim.world?.incidents[0];
}

export function incidentStart(sim: GraderEnv, ev: EvidenceLog): Fact {
  if (!sawStats(ev)) return { kind: 'unknown', why: t('grader.trail.no-stats') };
  const i = incident(sim);
  if (!i) return { kind: 'unknown', why: t('grader.trail.nothing-started') };
  const hour = Math.floor(i.at / HOUR) * HOUR;
  return { kind: 'hour', values: [String(hour)], noun: t('grader.trail.start-noun'), because: t('grader.trail.start-because', { hour: hourLabel(hour) }) };
}

export function incidentCause(sim: GraderEnv, ev: EvidenceLog): Fact {
  if (!sawStats(ev)) return { kind: 'unknown', why: t('grader.trail.no-stats') };
  const i = incident(sim);
  if (!i) return { kind: 'unknown', why: t('grader.trail.nothing-started') };
  const because = t(i.cause === 'relay' ? 'grader.trail.cause-relay' : 'grader.trail.cause-bots');
  return { kind: 'one', values: [i.cause], noun: t('grader.trail.cause-noun'), because };
}

export function incidentSource(sim: GraderEnv, ev: EvidenceLog): Fact {
  const i = incident(sim);
  if (!i) return { kind: 'unknown', why: t('grader.trail.nothing-started') };
  if (i.cause === 'relay') {
    if (!sawMailLog(ev)) return { kind: 'unknown', why: t('grader.trail.read-mail-log') };
    const h = i.hosts[0]!;
    return { kind: 'any', values: [h.interfaces[0]!.ip, h.name, h.short], noun: t('grader.trail.relay-source-noun'), because: t('grader.trail.relay-source-because', { name: h.name, ip: h.interfaces[0]!.ip }) };
  }
  if (!sawStats(ev) && !sawFirewallLog(ev)) return { kind: 'unknown', why: t('grader.trail.firewall-first') };
  return { kind: 'set', values: i.hosts.map((h) => h.short), noun: t('grader.trail.desks-noun') };
}

/** "2026-03-05 14:00", as mailstats and mailwatch print hours (UTC is the company's time). */
export const hourLabel = hourStamp;

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * The hour an answer names: a date (2026-03-05, 03-05) or a weekday (Thu,
 * Thursday) and an hour (14:00, 14h, 2pm). A weekday is read as the day
 * nearest the candidates (the week in question). Undefined when it names no day or hour.
 */
export function parseHourAnswer(answer: string, near: readonly number[]): number | undefined {
  const a = answer.toLowerCase();
  const ref = near[0] ?? 0;
  const year = new Date(ref).getUTCFullYear();
  let days: number[] = [];
  const full = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(a);
  const md = full ? undefined : /\b(\d{1,2})-(\d{1,2})\b/.exec(a);
  if (full) days = [Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3]))];
  else if (md) days = [Date.UTC(year, Number(md[1]) - 1, Number(md[2]))];
  else {
    const wd = WEEKDAYS.findIndex((w) => new RegExp(`\\b${w}`).test(a));
    if (wd < 0) return undefined;
    const base = Math.floor(ref / 86_400_000) * 86_400_000;
    for (let d = -7; d <= 7; d++) if (new Date(base + d * 86_400_000).getUTCDay() === wd) days.push(base + d * 86_400_000);
  }
  const rest = a.replace(/(\d{4})-(\d{1,2})-(\d{1,2})|\b(\d{1,2})-(\d{1,2})\b/, ' ');
  const hm = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|h\b)?/.exec(rest);
  if (!hm) return undefined;
  let hour = Number(hm[1]);
  if (hm[3] === 'pm' && hour < 12) hour += 12;
  if (hm[3] === 'am' && hour === 12) hour = 0;
  if (hour > 23) return undefined;
  const candidates = days.map((d) => d + hour * HOUR);
  // The weekday reading closest to what happened (a week has two Tuesdays at most).
  return candidates.sort((x, y) => Math.min(...near.map((n) => Math.abs(x - n))) - Math.min(...near.map((n) => Math.abs(y - n))))[0];
}
