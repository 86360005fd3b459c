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

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const NO_WORLD = fail('This lab runs no living world, so there is nothing to judge (the lab file needs "world": true).');

function withWorld(sim: GraderEnv, run: (w: World) => CheckResult): CheckResult {
  return sim.world ? run(sim.world) : NO_WORLD;
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
        if (b.reimagingUntil !== undefined) problems.push(`${short} is still being reimaged (back, clean, at ${hhmm(b.reimagingUntil)}: let the time pass)`);
        else if (m.procs.processes.some((x) => x.role === BOT_ROLE)) problems.push(`the spambot still runs on ${short}`);
        else if (b.host.infected && persistenceLeft(m, b.profile)) {
          const how = b.profile.persistence === 'cron' ? `the crontab line of ${b.profile.user} that starts it` : `the systemd unit ${b.profile.unit} (Restart=always)`;
          problems.push(`the spambot on ${short} was stopped but ${how} is still there, so it comes back within a minute`);
        } else if (b.host.infected && b.profile.unit && m.procs.units.some((u) => u.name === b.profile.unit && u.enabled)) {
          problems.push(`the spambot's unit ${b.profile.unit} on ${short} is stopped but still enabled, so it starts again at the next boot (systemctl disable ${b.profile.unit})`);
        }
      }
      const infected = new Set(w.bots.map((b) => b.host.short));
      const wrong = [...new Set(w.reimaged)].filter((h) => !infected.has(h) && judged.has(sim.machine(h).host.name));
      const note = wrong.length ? ` (${listShort(wrong)}, which you reimaged, ${wrong.length === 1 ? 'was' : 'were'} never infected)` : '';
      if (problems.length) return fail(`${problems[0]}${problems.length > 1 ? `; ${problems.length - 1} more desk${problems.length > 2 ? 's' : ''} not clean` : ''}${note}.`);
      if (!bots.length) return pass(`No desk among ${listShort([...judged].map(shortName), 2)} was infected${note}.`);
      return pass(`${listShort(bots.map((b) => b.host.short))} ${bots.length === 1 ? 'is' : 'are'} clean, with nothing left to restart a bot${note}.`);
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
      if (!w.stolen.length) return pass('No mail password was stolen in this company.');
      for (const c of w.stolen) {
        const now = sim.mailServer.saslPassword(c.user);
        const where = c.desk ? `the bot on ${c.desk} captured` : 'spammers use from the Internet on port 587';
        if (now === undefined) return fail(`${c.user} has no SMTP AUTH account any more: give ${c.user} a new password instead (saslpasswd2 -c ${c.user} on ${shortName(MAIL_HOST)}) — ${c.user} still needs to send mail.`);
        if (now === c.password) {
          if (c.recapturedAt !== undefined) return fail(`${c.user}'s new password was captured too: the bot on ${c.desk} still ran when it was changed (${hhmm(c.recapturedAt)}). Clean the desk first, then change the password again.`);
          return fail(`${c.user}'s mail password is still the one ${where}: change it on ${shortName(MAIL_HOST)} with saslpasswd2 -c ${c.user}.`);
        }
      }
      return pass(`Changed: ${listShort(w.stolen.map((c) => c.user))}; the stolen passwords no longer log in.`);
    });
  },
};

// ---- spam-stopped ----

const SPAM_LABEL: Record<SpamRoute, string> = {
  'bot-direct': 'the spambots, straight to the Internet on TCP/25 (as 203.0.113.10)',
  'bot-relay': 'the spambots, relayed by mail.corp.example',
  'bot-submission': "the spambots, logging in on port 587 with their users' passwords",
  'outside-relay': 'the outside spammer, through the open relay',
  'stolen-account': 'a stolen account, logging in on port 587 from the Internet',
};

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
        return fail(`Spam still left by ${SPAM_LABEL[r]}: the last at ${hhmm(rec.lastAt)} (${rec.count} so far); it must stay quiet for ${p.quietMinutes} minutes.`);
      }
      if (now - w.startedAt < p.quietMinutes * 60_000) return fail(`Only ${Math.floor((now - w.startedAt) / 60_000)} simulated minutes have passed: let ${p.quietMinutes} go by (advance ${p.quietMinutes}m) to see whether spam still leaves.`);
      const total = p.routes.reduce((n, r) => n + w.ledger.spamRoutes[r].count, 0);
      return pass(`No spam has left by ${p.routes.length === SPAM_ROUTES.length ? 'any route' : p.routes.length === 1 ? 'that route' : 'those routes'} since ${hhmm(since)} (${total} before).`);
    });
  },
};

// ---- legit-flow ----

const LEGIT_LABEL: Record<LegitRoute, string> = {
  office: 'the office desks',
  'road-warrior': 'road warriors outside the office',
  inbound: 'partners writing in',
};

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
          return fail(`Legitimate mail from ${LEGIT_LABEL[r]} was lost at ${hhmm(rec.lost.lastAt)}${f ? ` (${f.from} → ${f.to}: ${f.reason})` : ''}; it must flow for ${p.windowMinutes} minutes.`);
        }
      }
      if (now - w.startedAt < p.windowMinutes * 60_000) return fail(`Only ${Math.floor((now - w.startedAt) / 60_000)} simulated minutes have passed: let ${p.windowMinutes} go by (advance ${p.windowMinutes}m) to see the company's mail flow.`);
      const parts = p.routes.map((r) => `${LEGIT_LABEL[r]}: ${w.ledger.legitRoutes[r].ok.count} accepted`);
      return pass(`No legitimate mail lost since ${hhmm(since)} (${parts.join('; ')}).`);
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
    what: z.string().default('a message').describe('What the learner was asked to send, for the reason, e.g. "your answer to the ISP"'),
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
    if (!ev) return fail('The lab does not record what you send (the check needs evidence).');
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
    const how = `${p.from ? ` from ${shortName(fromHost!)}` : ''}${p.service === 'submission' ? ' on port 587 (logged in)' : p.service === 'smtp' ? ' on port 25' : ''}`;
    if (!sent.length) return fail(`You have not sent ${p.what}${how} yet (your own session with ${MAIL_HOST}: swaks or telnet, ending in "250 ... queued as").`);
    const last = Math.max(...sent);
    if (p.afterSpamStopped && sim.world) {
      const spamAt = Math.max(...SPAM_ROUTES.map((r) => sim.world!.ledger.spamRoutes[r].lastAt));
      if (spamAt > last) return fail(`You sent ${p.what} at ${hhmm(last)}, but spam still left at ${hhmm(spamAt)}: send it again once the spam has stopped.`);
    }
    return pass(`You sent ${p.what}${how} at ${hhmm(last)}${p.afterSpamStopped ? ', after the last spam' : ''}.`);
  },
};

export const worldChecks: CheckKind[] = [infectionCheck, credentialsCheck, spamStoppedCheck, legitFlowCheck, learnerSentCheck];
