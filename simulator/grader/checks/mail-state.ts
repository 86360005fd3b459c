/**
 * Predicates on the mail server's running state.
 *  - config: a parameter's value *in effect* for one smtpd service — what
 *    the running server uses, not what main.cf says (a fix without
 *    `postfix reload` changes nothing for clients, and the reason says so).
 *  - queue: no relayed spam left in the queue, while the legitimate mail that
 *    was queued when the lab started is still queued or was delivered.
 */
import { z } from 'zod';
import type { GraderEnv } from '../grader-env.ts';
import { MAIL_HOST } from '../../net/corp-hosts.ts';
import { splitList } from '../../postfix/index.ts';
import { describeMail, queueBaseline, queuedMail, queueFates } from '../queue-facts.ts';
import { listShort } from '../hosts.ts';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';

const configParams = z
  .object({
    service: z.string().default('smtp').describe('master.cf service whose running config is read: `smtp` (port 25), `submission` (587)'),
    parameter: z
      .union([z.string(), z.array(z.string()).min(1)])
      .describe('main.cf parameter; a list means "any of them" for `contains` and "none of them" for `notContains`'),
    contains: z.string().optional().describe('A list element that must be present, e.g. `reject_unauth_destination`'),
    notContains: z.string().optional().describe('A list element that must be absent, e.g. `0.0.0.0/0`'),
    equals: z.string().optional().describe('The whole expanded value, whitespace-normalised'),
    why: z.string().optional().describe('Appended to a failing reason, in the learner\'s terms, e.g. "0.0.0.0/0 is the whole Internet"'),
  })
  .strict()
  .refine((p) => [p.contains, p.notContains, p.equals].filter((x) => x !== undefined).length === 1, () => ({ message: t('grader.config.one-of') }));

type ConfigParams = z.infer<typeof configParams>;
type Lookup = (service: string, parameter: string) => string | undefined;

const norm = (v: string) => splitList(v).join(' ');

/** Does the config seen through `value` satisfy the check? */
function satisfied(p: ConfigParams, value: Lookup): boolean {
  const params = typeof p.parameter === 'string' ? [p.parameter] : p.parameter;
  const has = (name: string, item: string) => splitList(value(p.service, name) ?? '').some((x) => x.toLowerCase() === item.toLowerCase());
  if (p.contains !== undefined) return params.some((n) => has(n, p.contains!));
  if (p.notContains !== undefined) return params.every((n) => !has(n, p.notContains!));
  return params.every((n) => norm(value(p.service, n) ?? '') === norm(p.equals!));
}

function shown(p: ConfigParams, value: Lookup): string {
  const params = typeof p.parameter === 'string' ? [p.parameter] : p.parameter;
  return params.map((n) => t('grader.config.shown', { parameter: n, value: norm(value(p.service, n) ?? '') || t('grader.config.empty') })).join('; ');
}

function wanted(p: ConfigParams): string {
  if (p.contains !== undefined) return t('grader.config.should-include', { item: p.contains });
  if (p.notContains !== undefined) return t('grader.config.still-includes', { item: p.notContains });
  return t('grader.config.should-be', { value: p.equals ?? '' });
}

export const configCheck: CheckKind<ConfigParams> = {
  kind: 'config',
  summary: 'a Postfix parameter in effect on the running mail server (per smtpd service)',
  probe: false,
  params: configParams,
  async run({ sim }, p) {
    const server = sim.mailServer;
    const svc = server.running ? server.services.get(p.service) : undefined;
    if (!server.running) return fail(t('grader.config.not-running', { host: MAIL_HOST }));
    if (!svc) return fail(t('grader.config.no-service', { host: MAIL_HOST, service: p.service }));
    const running: Lookup = (s, n) => server.services.get(s)?.config.get(n);
    const where = t('grader.config.where', { port: svc.port });
    if (satisfied(p, running)) return pass(t('grader.config.in-effect', { where, shown: shown(p, running) }));
    const why = p.why ? ` (${p.why})` : '';
    let reason = t('grader.config.wrong', { where, shown: shown(p, running), wanted: wanted(p), why });
    // Say so when the file already has the fix: the learner's next move is a reload, not another edit.
    const disk = server.load();
    const onDisk: Lookup = (s, n) => disk.services?.get(s)?.config.get(n);
    if (!disk.ok) reason += t('grader.config.disk-errors');
    else if (satisfied(p, onDisk)) reason += t('grader.config.needs-reload');
    return fail(reason);
  },
};

const queueParams = z
  .object({
    spam: z.enum(['none', 'any']).default('none').describe('`none`: no relayed spam may remain in the queue (nor have been delivered from the starting queue)'),
    legit: z.enum(['kept', 'any']).default('kept').describe('`kept`: every legitimate message queued at the start is still queued or was delivered'),
  })
  .strict();

function spamVerdict(sim: GraderEnv): string | undefined {
  const left = queuedMail(sim).filter((m) => m.spam);
  if (left.length > 0) {
    const clients = [...new Set(left.map((m) => m.client))];
    return t('grader.queue.spam-left', { n: left.length, clients: listShort(clients, 2), host: MAIL_HOST, first: describeMail(left[0]!) });
  }
  const start = queueBaseline(sim).filter((m) => m.spam);
  const { delivered } = queueFates(sim, new Set(start.map((m) => m.id)));
  if (delivered.size > 0) return t('grader.queue.spam-delivered', { n: delivered.size });
  return undefined;
}

function legitVerdict(sim: GraderEnv): { lost?: string; kept: number; delivered: number } {
  const start = queueBaseline(sim).filter((m) => !m.spam);
  const ids = new Set(start.map((m) => m.id));
  const { delivered, deleted } = queueFates(sim, ids);
  const queued = new Set(sim.mailServer.queue.all().map((m) => m.id));
  const lost = start.filter((m) => !queued.has(m.id) && deleted.has(m.id) && !delivered.has(m.id));
  const kept = start.filter((m) => queued.has(m.id)).length;
  if (lost.length === 0) return { kept, delivered: delivered.size };
  return {
    kept,
    delivered: delivered.size,
    lost: t('grader.queue.legit-deleted', { n: lost.length, mail: listShort(lost.map(describeMail), 2) }),
  };
}

export const queueCheck: CheckKind<z.infer<typeof queueParams>> = {
  kind: 'queue',
  summary: 'no relayed spam left in the mail queue, legitimate mail kept or delivered',
  probe: false,
  params: queueParams,
  async run({ sim }, p) {
    const legit = p.legit === 'kept' ? legitVerdict(sim) : undefined;
    if (legit?.lost) return fail(legit.lost);
    const spam = p.spam === 'none' ? spamVerdict(sim) : undefined;
    if (spam) return fail(spam);
    const kept = legit && legit.kept + legit.delivered > 0 ? t('grader.queue.legit-kept', { kept: legit.kept, delivered: legit.delivered }) : '';
    return pass(t('grader.queue.clean', { host: MAIL_HOST, kept }));
  },
};

export const mailExtraChecks: CheckKind[] = [configCheck, queueCheck];
