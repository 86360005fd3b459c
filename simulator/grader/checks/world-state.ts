/**
 * Predicates on the living world (labs 6–8): what the Internet has seen of
 * the company and what is left on its desks. They read the world's ledger,
 * bots and stolen passwords — state, never the typed text — and only read.
 *  - infection: every infected desk is clean and stays clean (no process, no
 *    crontab line or unit to bring it back, no reimage still under way).
 *  - credentials: every stolen mail password has been changed (after the
 *    bot that stole it was gone, or it has the new one too).
 *  - spam-stopped: no spam left by the named routes for a while.
 *  - legit-flow: no legitimate mail of the named routes lost for a while.
 *  - learner-sent: the learner's own message went through (to the ISP's abuse
 *    desk after the spam stopped; as a road warrior on 587).
 */
import { z } from 'zod';
import type { GraderEnv } from '../grader-env.ts';
import { evidenceOf } from '../evidence.ts';
import { expandHosts, listShort, shortName } from '../hosts.ts';
import { fail, pass, type CheckKind, type CheckResult } from '../types.ts';
import { BOT_ROLE, persistenceLeft } from '../../world/bot-host.ts';
import { LEGIT_ROUTES, SPAM_ROUTES, type LegitRoute, type SpamRoute } from '../../world/ledger.ts';
import type { World } from '../../world/world.ts';
import { MAIL_HOST } from '../../net/corp-hosts.ts';
import { t, format } from '../../i18n/t.ts';

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
function withWorld(sim: GraderEnv, run: (w: World) => CheckResult): CheckResult {
  return sim.world ? run(sim.world) : fail(t('grader.world.none'));
}

// ---- infection ----

const infectionParams = z
  .object({
    hosts: z.array(z.string()).min(1).default(['workstations']).describe('Desks judged; `workstations` means every workstation'),
  })
  .strict();

export const infectionCheck: CheckKind<z.infer<typeof infectionParams>> = {
  kind: 'infection',
  summary: 'every infected desk is clean and stays clean (no bot, no crontab line or unit to restart it, no reimage under way)',
  probe: false,
  params: infectionParams,
  refs: (p) => ({ hosts: p.hosts }),
  async run({ sim }, p) {
    return withWorld(sim, (w) => {
      const judged = new Set(expandHosts(sim, p.hosts));
      const bots = w.bots.filter((b) => judged.has(b.host.name));
      const problems: string[] = [];
      for (const b of bots) {
        const m = sim.machine(b.host.name);
        const short = b.host.short;
        if (b.reimagingUntil !== undefined) problems.push(t('grader.infection.reimaging', { host: short, at: hhmm(b.reimagingUntil) }));
        else if (m.procs.processes.some((x) => x.role === BOT_ROLE)) problems.push(t('grader.infection.bot-runs', { host: short }));
        else if (b.host.infected && persistenceLeft(m, b.profile)) {
          const how = b.profile.persistence === 'cron' ? t('grader.infection.by-cron', { user: b.profile.user }) : t('grader.infection.by-unit', { unit: String(b.profile.unit) });
          problems.push(t('grader.infection.comes-back', { host: short, how }));
        } else if (b.host.infected && b.profile.unit && m.procs.units.some((u) => u.name === b.profile.unit && u.enabled)) {
          problems.push(t('grader.infection.unit-enabled', { unit: b.profile.unit, host: short }));
        }
      }
      const infected = new Set(w.bots.map((b) => b.host.short));
      const wrong = [...new Set(w.reimaged)].filter((h) => !infected.has(h) && judged.has(sim.machine(h).host.name));
      const note = wrong.length ? t('grader.infection.wrongly-reimaged', { n: wrong.length, hosts: listShort(wrong) }) : '';
      if (problems.length) {
        const more = problems.length > 1 ? t('grader.infection.more', { n: problems.length - 1 }) : '';
        return fail(t('grader.infection.not-clean', { problem: problems[0]!, more, note }));
      }
      if (!bots.length) return pass(t('grader.infection.none-infected', { hosts: listShort([...judged].map(shortName), 2), note }));
      return pass(t('grader.infection.clean', { n: bots.length, hosts: listShort(bots.map((b) => b.host.short)), note }));
    });
  },
};

// ---- credentials ----

const credentialsParams = z.object({}).strict();

export const credentialsCheck: CheckKind<z.infer<typeof credentialsParams>> = {
  kind: 'credentials',
  summary: 'every mail password attackers hold (captured by a bot or used from the Internet) has been changed',
  probe: false,
  params: credentialsParams,
  async run({ sim }) {
    return withWorld(sim, (w) => {
      if (!w.stolen.length) return pass(t('grader.credentials.none-stolen'));
      for (const c of w.stolen) {
        const now = sim.mailServer.saslPassword(c.user);
        const where = c.desk ? t('grader.credentials.bot-captured', { desk: c.desk }) : t('grader.credentials.used-from-internet');
        const host = shortName(MAIL_HOST);
        if (now === undefined) return fail(t('grader.credentials.no-account', { user: c.user, host }));
        if (now === c.password) {
          if (c.recapturedAt !== undefined) return fail(t('grader.credentials.recaptured', { user: c.user, desk: String(c.desk), at: hhmm(c.recapturedAt) }));
          return fail(t('grader.credentials.unchanged', { user: c.user, where, host }));
        }
      }
      return pass(t('grader.credentials.changed', { users: listShort(w.stolen.map((c) => c.user)) }));
    });
  },
};

// ---- spam-stopped ----

/** The words for a way out (`grader.spam-route.<route>`), looked up when the reason is written. */
const spamLabel = (r: SpamRoute): string => format(`grader.spam-route.${r}`);

const spamParams = z
  .object({
    routes: z.array(z.enum(SPAM_ROUTES as [SpamRoute, ...SpamRoute[]])).min(1).default([...SPAM_ROUTES]).describe(`Ways out that must be quiet: ${SPAM_ROUTES.join(', ')}`),
    quietMinutes: z.number().int().min(1).max(1440).default(30).describe('How long (simulated minutes) no spam may have left by them'),
  })
  .strict();

export const spamStoppedCheck: CheckKind<z.infer<typeof spamParams>> = {
  kind: 'spam-stopped',
  summary: 'no spam has left the company by the named routes for a while (the world\'s record of what reached the Internet)',
  probe: false,
  params: spamParams,
  async run({ sim }, p) {
    return withWorld(sim, (w) => {
      const now = sim.clock.now();
      const since = now - p.quietMinutes * 60_000;
      const loud = p.routes.map((r) => ({ r, rec: w.ledger.spamRoutes[r] })).filter((x) => x.rec.lastAt > since).sort((a, b) => b.rec.lastAt - a.rec.lastAt);
      if (loud.length) {
        const { r, rec } = loud[0]!;
        return fail(t('grader.spam-stopped.loud', { route: spamLabel(r), at: hhmm(rec.lastAt), count: rec.count, minutes: p.quietMinutes }));
      }
      if (now - w.startedAt < p.quietMinutes * 60_000) {
        return fail(t('grader.spam-stopped.too-early', { elapsed: Math.floor((now - w.startedAt) / 60_000), minutes: p.quietMinutes }));
      }
      const total = p.routes.reduce((n, r) => n + w.ledger.spamRoutes[r].count, 0);
      const routes = t(p.routes.length === SPAM_ROUTES.length ? 'grader.spam-stopped.any-route' : p.routes.length === 1 ? 'grader.spam-stopped.that-route' : 'grader.spam-stopped.those-routes');
      return pass(t('grader.spam-stopped.quiet', { routes, since: hhmm(since), total }));
    });
  },
};

// ---- legit-flow ----

/** Whose mail a route is (`grader.legit-route.<route>`), looked up when the reason is written. */
const legitLabel = (r: LegitRoute): string => format(`grader.legit-route.${r}`);

const legitParams = z
  .object({
    routes: z.array(z.enum(LEGIT_ROUTES as [LegitRoute, ...LegitRoute[]])).min(1).default([...LEGIT_ROUTES]).describe(`Whose mail: ${LEGIT_ROUTES.join(', ')}`),
    windowMinutes: z.number().int().min(1).max(1440).default(30).describe('How long (simulated minutes) none of it may have been lost'),
  })
  .strict();

export const legitFlowCheck: CheckKind<z.infer<typeof legitParams>> = {
  kind: 'legit-flow',
  summary: "the company's own mail of the named routes was not lost for a while (the world's employees and partners)",
  probe: false,
  params: legitParams,
  async run({ sim }, p) {
    return withWorld(sim, (w) => {
      const now = sim.clock.now();
      const since = now - p.windowMinutes * 60_000;
      for (const r of p.routes) {
        const rec = w.ledger.legitRoutes[r];
        if (rec.lost.lastAt > since) {
          const f = [...w.ledger.failures].reverse().find((x) => x.route === r);
          const failure = f ? t('grader.legit-flow.failure', { from: f.from, to: f.to, reason: f.reason }) : '';
          return fail(t('grader.legit-flow.lost', { route: legitLabel(r), at: hhmm(rec.lost.lastAt), failure, minutes: p.windowMinutes }));
        }
      }
      if (now - w.startedAt < p.windowMinutes * 60_000) {
        return fail(t('grader.legit-flow.too-early', { elapsed: Math.floor((now - w.startedAt) / 60_000), minutes: p.windowMinutes }));
      }
      const parts = p.routes.map((r) => t('grader.legit-flow.route-count', { route: legitLabel(r), n: w.ledger.legitRoutes[r].ok.count }));
      return pass(t('grader.legit-flow.ok', { since: hhmm(since), routes: parts.join(t('grader.legit-flow.route-separator')) }));
    });
  },
};

// ---- learner-sent ----

const sentParams = z
  .object({
    to: z.string().default('^abuse@isp\\.example$').describe('Regular expression the recipient address must match, e.g. `^abuse@isp\\.example$`'),
    from: z.string().optional().describe('Host the learner must send from, e.g. `outside` (a road warrior); absent = anywhere'),
    service: z.enum(['smtp', 'submission']).optional().describe('smtpd service: `smtp` (port 25) or `submission` (587, logged in); absent = either'),
    afterSpamStopped: z.boolean().default(false).describe('Counts only when sent after the last spam left the company (by any route)'),
    what: z.string().optional().describe('What the learner was asked to send, for the reason, e.g. "your answer to the ISP" (absent: "a message")'),
  })
  .strict();

export const learnerSentCheck: CheckKind<z.infer<typeof sentParams>> = {
  kind: 'learner-sent',
  summary: 'the learner sent a message (telnet, nc, swaks) through the mail server to a recipient, from a host and port, optionally after the spam stopped',
  probe: false,
  evidence: true,
  params: sentParams,
  refs: (p) => ({ hosts: p.from ? [p.from] : [] }),
  async run({ sim }, p) {
    const ev = evidenceOf(sim);
    if (!ev) return fail(t('grader.learner-sent.no-evidence'));
    const re = new RegExp(p.to, 'i');
    const fromHost = p.from ? sim.machine(p.from).host.name : undefined;
    const sent: number[] = [];
    for (const rec of ev.sessions) {
      if (fromHost && rec.fromHost !== fromHost) continue;
      if (p.service && rec.service !== p.service) continue;
      let rcpt = false;
      for (const s of rec.steps) {
        if (s.command === 'MAIL' || s.command === 'RSET') rcpt = false;
        else if (s.command === 'RCPT' && /^25[01]/.test(s.reply) && re.test(/<([^>]*)>/.exec(s.argument)?.[1] ?? '')) rcpt = true;
        else if (s.command === 'DATA' && rcpt && /^250 .*queued as/.test(s.reply)) sent.push(s.at ?? 0);
      }
    }
    const what = p.what ?? t('grader.learner-sent.what');
    const how =
      (p.from ? t('grader.learner-sent.from', { host: shortName(fromHost!) }) : '') +
      (p.service === 'submission' ? t('grader.learner-sent.on-submission') : p.service === 'smtp' ? t('grader.learner-sent.on-smtp') : '');
    if (!sent.length) return fail(t('grader.learner-sent.not-yet', { what, how, host: MAIL_HOST }));
    const last = Math.max(...sent);
    if (p.afterSpamStopped && sim.world) {
      const spamAt = Math.max(...SPAM_ROUTES.map((r) => sim.world!.ledger.spamRoutes[r].lastAt));
      if (spamAt > last) return fail(t('grader.learner-sent.before-spam-stopped', { what, at: hhmm(last), spamAt: hhmm(spamAt) }));
    }
    return pass(t('grader.learner-sent.sent', { what, how, at: hhmm(last), after: p.afterSpamStopped ? t('grader.learner-sent.after-spam') : '' }));
  },
};

export const worldChecks: CheckKind[] = [infectionCheck, credentialsCheck, spamStoppedCheck, legitFlowCheck, learnerSentCheck];
