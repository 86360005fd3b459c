/**
 * Answer steps (staff): a multiple-choice or short answer, checked against a
 * fact of the simulation — never against a string in the lab file, and never
 * against what the learner typed. Facts about a test the learner was asked to
 * run are read from the evidence recorded while they worked (grader/evidence.ts):
 * the answer must match what *their* session was answered, and without the
 * session the step fails with a reason saying what is missing.
 */
import { z } from 'zod';
import type { GraderEnv } from '../grader-env.ts';
import { infectedHosts } from '../../net/topology.ts';
import { batteryPassed } from '../../postfix/index.ts';
import { REAL_CLIENT_PROGRAM, evidenceOf, type EvidenceLog, type SessionRecord } from '../evidence.ts';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';
import { deskBotTask, ORDINARY_TASKS } from '../../guided/exhibits.ts';
import { complaintAddress, incidentCause, incidentSource, incidentStart, infectedFound, parseHourAnswer, hourLabel } from './trail-facts.ts';

/** `hour`: values are hour starts (ms); an answer naming a day and an hour within one hour of one passes. */
export type Known = {
  kind: 'one' | 'any' | 'set' | 'hour';
  values: string[];
  noun: string;
  because?: string;
  /** For a choice: why a wrong answer is wrong, by the answer. */
  explain?: Readonly<Record<string, string>>;
  /** For `set`: the reason when these named items are not in the set (default: "X is not among NOUN"). */
  wrong?: (items: string[]) => string;
  /** For `set`: the reason when N items are missing. */
  missing?: (n: number) => string;
};
export type Fact = Known | { kind: 'unknown'; why: string };
type Params = { fact: FactName; user?: string; host?: string };

// ---- reading the evidence ----

/** By-hand sessions: the shell's tools, and a real client through `relaylab serve` that is not nmap's battery (evidence.ts). */
const MANUAL = new Set(['telnet', 'nc', 'swaks', REAL_CLIENT_PROGRAM]);
const address = (arg: string) => (/^(?:FROM|TO):\s*<?([^<>\s]*)>?/i.exec(arg)?.[1] ?? '').toLowerCase();
const domainOf = (a: string) => a.slice(a.lastIndexOf('@') + 1);
const isCompany = (sim: GraderEnv, domain: string) => sim.localDomains.includes(domain) || domain.endsWith('.corp.example');
const codeOk = (reply: string) => /^2/.test(reply);

type Attempt = { rec: SessionRecord; sender: string; recipient: string; reply: string };

/** RCPT TO commands that got past an accepted MAIL FROM, in order. */
function attempts(rec: SessionRecord): Attempt[] {
  const out: Attempt[] = [];
  let sender: string | undefined;
  for (const s of rec.steps) {
    if (s.command === 'MAIL') sender = codeOk(s.reply) ? address(s.argument) : undefined;
    else if (s.command === 'RSET' || s.command === 'DATA') sender = undefined;
    else if (s.command === 'RCPT' && sender !== undefined) out.push({ rec, sender, recipient: address(s.argument), reply: s.reply });
  }
  return out;
}

function where(sim: GraderEnv, rec: SessionRecord): { outside: boolean; short: string } {
  const h = sim.findHost(rec.fromHost);
  return { outside: h?.zone === 'internet', short: h?.short ?? rec.fromHost };
}

/** A stranger's address: not the company's own domains, not the null sender, not an address literal. */
function describeSender(sim: GraderEnv, sender: string): string | undefined {
  if (sender === '') return t('grader.answer.null-sender');
  const d = domainOf(sender);
  if (d.startsWith('[')) return t('grader.answer.address-literal', { sender });
  if (isCompany(sim, d)) return t('grader.answer.company-address', { sender });
  return undefined;
}

const INSIDE_RELAYS = (host: string) => t('grader.answer.inside-relays', { host });
const INSIDE_SAYS_NOTHING = (host: string) => t('grader.answer.inside-says-nothing', { host });

function manualRelay(sim: GraderEnv, ev: EvidenceLog): Fact {
  const manual = ev.sessions.filter((r) => MANUAL.has(r.program) && r.service === 'smtp');
  const relay = manual.flatMap(attempts).filter((a) => a.recipient.includes('@') && !isCompany(sim, domainOf(a.recipient)));
  const outside = relay.filter((a) => where(sim, a.rec).outside);
  if (outside.length === 0) {
    const inside = relay[relay.length - 1];
    if (inside) {
      const { short } = where(sim, inside.rec);
      return { kind: 'unknown', why: codeOk(inside.reply) ? INSIDE_RELAYS(short) : INSIDE_SAYS_NOTHING(short) };
    }
    if (manual.some((r) => where(sim, r).outside)) {
      return { kind: 'unknown', why: t('grader.answer.manual-no-rcpt') };
    }
    return { kind: 'unknown', why: t('grader.answer.manual-not-tried') };
  }
  const stranger = outside.filter((a) => describeSender(sim, a.sender) === undefined);
  const last = stranger[stranger.length - 1];
  if (!last) {
    const used = describeSender(sim, outside[outside.length - 1]!.sender)!;
    return { kind: 'unknown', why: t('grader.answer.manual-own-sender', { sender: used }) };
  }
  const { short } = where(sim, last.rec);
  return {
    kind: 'one',
    values: [codeOk(last.reply) ? 'accepted' : 'refused'],
    noun: t('grader.answer.manual-noun', { recipient: last.recipient, host: short }),
    because: t('grader.answer.rcpt-because', { recipient: last.recipient, host: short, reply: last.reply }),
  };
}

/** Tests a relaytest session found accepted, as nmap counts them (MAIL 250, then RCPT 250/251). */
function batteryCount(rec: SessionRecord): number {
  let mail = '';
  let n = 0;
  for (const s of rec.steps) {
    if (s.command === 'MAIL') mail = s.reply;
    else if (s.command === 'RCPT' && batteryPassed(mail, s.reply)) n++;
  }
  return n;
}

function battery(sim: GraderEnv, ev: EvidenceLog): Fact {
  const runs = ev.sessions.filter((r) => r.program === 'nmap');
  const outside = runs.filter((r) => where(sim, r).outside);
  const done = outside.filter((r) => r.service === 'smtp' && r.steps.some((s) => s.command === 'QUIT'));
  const last = done[done.length - 1];
  if (last) {
    const n = batteryCount(last);
    return { kind: 'one', values: [String(n)], noun: t('grader.answer.battery-noun'), because: t('grader.answer.battery-because', { host: where(sim, last).short, n }) };
  }
  const port25 = t('grader.answer.battery-port-25');
  if (outside.some((r) => r.service !== 'smtp')) return { kind: 'unknown', why: t('grader.answer.battery-other-service', { service: outside.find((r) => r.service !== 'smtp')!.service, port25 }) };
  if (outside.length) return { kind: 'unknown', why: t('grader.answer.battery-unfinished') };
  const blocked = ev.failedConnects.filter((c) => c.program === 'nmap' && sim.findHost(c.from)?.zone === 'internet');
  const b = blocked[blocked.length - 1];
  if (b && b.port !== 25) return { kind: 'unknown', why: t('grader.answer.battery-other-port', { port: b.port, port25 }) };
  if (b?.verdict === 'refused') return { kind: 'unknown', why: t('grader.answer.battery-refused') };
  if (b) return { kind: 'unknown', why: t('grader.answer.battery-no-answer', { verdict: b.verdict }) };
  const inside = runs[runs.length - 1];
  if (inside) {
    const { short } = where(sim, inside);
    return { kind: 'unknown', why: batteryCount(inside) === 16 ? INSIDE_RELAYS(short) : INSIDE_SAYS_NOTHING(short) };
  }
  return { kind: 'unknown', why: t('grader.answer.battery-not-run') };
}

function verdict(sim: GraderEnv, ev: EvidenceLog): Fact {
  const m = manualRelay(sim, ev);
  const b = battery(sim, ev);
  for (const f of [m, b]) if (f.kind === 'unknown') return { kind: 'unknown', why: t('grader.answer.verdict-both', { why: f.why }) };
  const open = (b as Known).values[0] !== '0' || (m as Known).values[0] === 'accepted';
  const n = (b as Known).values[0];
  return { kind: 'one', values: [open ? 'yes' : 'no'], noun: t('grader.answer.verdict-noun'), because: t('grader.answer.verdict-because', { manual: (m as Known).values[0]!, n: n! }) };
}

/**
 * The road warrior's old way: from outside, port 25, no login, a company
 * sender, a customer's address — what did the server answer the RCPT TO?
 */
function oldWay(sim: GraderEnv, ev: EvidenceLog): Fact {
  const sessions = ev.sessions.filter((r) => MANUAL.has(r.program) && r.service === 'smtp' && where(sim, r).outside);
  const tries = sessions.flatMap(attempts).filter((a) => a.recipient.includes('@') && !isCompany(sim, domainOf(a.recipient)) && isCompany(sim, domainOf(a.sender)));
  const last = tries[tries.length - 1];
  if (!last) {
    if (sessions.length) return { kind: 'unknown', why: t('grader.answer.old-way-no-rcpt') };
    return { kind: 'unknown', why: t('grader.answer.old-way-not-tried') };
  }
  const { short } = where(sim, last.rec);
  return {
    kind: 'one',
    values: [codeOk(last.reply) ? 'accepted' : 'refused'],
    noun: t('grader.answer.old-way-noun', { recipient: last.recipient, host: short }),
    because: t('grader.answer.rcpt-because', { recipient: last.recipient, host: short, reply: last.reply }),
  };
}

function returnPath(ev: EvidenceLog, user: string): Fact {
  const mine = ev.deliveries.filter((d) => d.recipient.slice(0, d.recipient.lastIndexOf('@')).toLowerCase() === user);
  if (mine.length === 0) {
    const sent = ev.sessions.some((r) => r.steps.some((s) => s.command === 'DATA' && codeOk(s.reply)));
    return { kind: 'unknown', why: t(sent ? 'grader.answer.return-path-not-reached' : 'grader.answer.return-path-not-sent', { user }) };
  }
  return { kind: 'any', values: [...new Set(mine.map((d) => d.sender.toLowerCase()))], noun: t('grader.answer.return-path-noun') };
}

/** The task on a desk that its user never installed: the spambot's program, as the desk's task list names it. */
function botTask(sim: GraderEnv, host: string): Fact {
  const task = deskBotTask(sim, host);
  if (!task) return { kind: 'unknown', why: t('grader.answer.no-bot-task', { host }) };
  const explain = Object.fromEntries(ORDINARY_TASKS.map((o) => [o.name.toLowerCase(), t('grader.answer.ordinary-task', { name: o.name, why: o.why })]));
  return { kind: 'one', values: [task.name.toLowerCase()], noun: t('grader.answer.bot-task-noun'), because: t('grader.answer.bot-task-because', { folder: task.folder }), explain };
}

const FACTS = {
  /** Which workstations run a spambot (short names): a fact of the topology the seed chose. */
  'infected-workstations': (sim: GraderEnv): Fact => ({ kind: 'set', values: infectedHosts(sim.topology).map((h) => h.short), noun: t('grader.answer.infected-noun') }),
  /** What the learner's by-hand relay attempt from outside, with a stranger's sender, was answered: `accepted` or `refused`. */
  'manual-relay': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? manualRelay(sim, ev) : noEvidence()),
  /** How many of the 16 battery tests the learner's relaytest from outside found accepted. */
  'battery-accepted': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? battery(sim, ev) : noEvidence()),
  /** Is the server an open relay, by the learner's two tests (`yes` when either got through). */
  'open-relay': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? verdict(sim, ev) : noEvidence()),
  /** What the learner's port-25 attempt from outside, company sender to a customer without a login, was answered. */
  'old-way': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? oldWay(sim, ev) : noEvidence()),
  /** The envelope sender (Return-Path) of a message the learner sent that reached the user's mailbox. */
  'return-path': (_sim: GraderEnv, ev: EvidenceLog | undefined, p: Params): Fact => (ev ? returnPath(ev, (p.user ?? 'bob').toLowerCase()) : noEvidence()),
  /** Guided labs: the program on workstation `host` that its user never installed (the spambot's), by its task-list name. */
  'desk-bot-task': (sim: GraderEnv, _ev: EvidenceLog | undefined, p: Params): Fact => botTask(sim, p.host ?? 'ws01'),
  /** The infected workstations, once the learner followed the trail (firewall log or mailstats) and looked at each desk they name. */
  'infected-found': (sim: GraderEnv, ev: EvidenceLog | undefined, _p: Params, given: string): Fact => (ev ? infectedFound(sim, ev, hostWords(given)) : noEvidence()),
  /** The company address the ISP's first complaint is about, once the learner read postmaster's mail. */
  'complaint-address': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? complaintAddress(sim, ev) : noEvidence()),
  /** The hour the scenario's incident started, once the learner looked at the traffic report (mailstats). */
  'incident-start': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? incidentStart(sim, ev) : noEvidence()),
  /** What changed: `relay` (the server relays for outsiders) or `bots` (desks send straight out), once the learner looked at mailstats. */
  'incident-cause': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? incidentCause(sim, ev) : noEvidence()),
  /** Where the spam comes from: the relaying client's address, or the infected desks, once the learner read where it shows. */
  'incident-source': (sim: GraderEnv, ev?: EvidenceLog): Fact => (ev ? incidentSource(sim, ev) : noEvidence()),
} as const;

type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];
/** Facts read from the learner's recorded evidence: a lab naming one records it (labs/scenario.ts). */
export const EVIDENCE_FACTS: ReadonlySet<string> = new Set<FactName>(['manual-relay', 'battery-accepted', 'open-relay', 'return-path', 'old-way', 'infected-found', 'complaint-address', 'incident-start', 'incident-cause', 'incident-source']);

/** Looked up at grading time, so a switched catalogue (useCatalogue) takes effect. */
const noEvidence = (): Fact => ({ kind: 'unknown', why: t('grader.answer.no-evidence') });

const params = z
  .object({
    fact: z.enum(FACT_NAMES as [FactName, ...FactName[]]).describe('The fact of the simulation the answer must match'),
    user: z.string().optional().describe('For `return-path`: whose mailbox'),
    host: z.string().optional().describe('For `desk-bot-task`: the workstation'),
  })
  .strict();

/** Host names in an answer: "ws03, ws07" and "ws07.corp.example ws03" are the same set. */
const hostWords = (answer: string): string[] => words(answer).map((w) => w.replace(/\.corp\.example$/, ''));

/** Lower-case, no <>, no quotes, split at spaces, commas and "and". */
function words(answer: string): string[] {
  return answer
    .toLowerCase()
    .replace(/[<>"']/g, '')
    .split(/[\s,;]+|\band\b/)
    .map((w) => w.trim())
    .filter(Boolean);
}

export const answerCheck: CheckKind<z.infer<typeof params>> = {
  kind: 'answer',
  summary: "the learner's answer matches what their own recorded actions found on the network",
  probe: false,
  params,
  refs: (p) => ({ hosts: p.host ? [p.host] : [] }),
  async run({ sim, answers, stepId }, p) {
    // Without the actions the reason says what is missing, whatever the answer.
    const given = answers[stepId];
    const fact = FACTS[p.fact](sim, evidenceOf(sim), p, given ?? '');
    const unanswered = given === undefined || given.trim() === '';
    if (fact.kind === 'unknown') return fail(unanswered ? t('grader.answer.no-answer-and', { why: `${fact.why.charAt(0).toLowerCase()}${fact.why.slice(1)}` }) : fact.why);
    if (unanswered) return fail(t('grader.no-answer'));
    const got = words(given);
    const right = (value: string) => pass(t('grader.answer.right', { value, because: fact.because ? t('grader.answer.because', { because: fact.because }) : '' }));
    if (fact.kind === 'hour') {
      const at = parseHourAnswer(given, fact.values.map(Number));
      if (at === undefined) return fail(t('grader.answer.not-an-hour', { given: given.trim() }));
      const hit = fact.values.map(Number).find((v) => Math.abs(at - v) <= 3_600_000);
      return hit !== undefined ? right(hourLabel(hit)) : fail(t('grader.answer.wrong', { given: given.trim(), noun: fact.noun }));
    }
    if (fact.kind !== 'set') {
      // A choice may explain itself ("refused — Relay access denied"): its first word is the answer.
      const hit = fact.values.find((v) => got.join(' ') === v || got[0] === v);
      if (hit !== undefined) return right(hit);
      const why = fact.explain?.[got.join(' ')];
      return fail(why ? t('grader.answer.not-quite', { why }) : t('grader.answer.wrong', { given: given.trim(), noun: fact.noun }));
    }
    // Host names: "ws03, ws07" and "ws07.corp.example ws03" are the same set.
    const hosts = hostWords(given);
    const want = new Set(fact.values);
    const wrong = hosts.filter((g) => !want.has(g));
    const missing = fact.values.filter((v) => !hosts.includes(v));
    if (wrong.length === 0 && missing.length === 0) return pass(t('grader.answer.right-set', { values: fact.values.join(', ') }));
    if (wrong.length) return fail(fact.wrong ? fact.wrong(wrong) : t('grader.answer.not-among', { n: wrong.length, items: wrong.join(', '), noun: fact.noun }));
    return fail(fact.missing ? fact.missing(missing.length) : t('grader.answer.some-missing', { noun: fact.noun, n: missing.length }));
  },
};
