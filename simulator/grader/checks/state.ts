/**
 * Predicates on plain simulator state: processes on a host, DNSBL listing of
 * an address, named counters. Cheap, no network.
 */
import { z } from 'zod';
import type { GraderEnv } from '../grader-env.ts';
import { expandHosts, listShort, shortName } from '../hosts.ts';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';

const processParams = z
  .object({
    hosts: z.array(z.string()).min(1).describe('Hosts to look on; `workstations` means every workstation'),
    match: z.string().describe('Regular expression matched against the command line or the process role'),
    expect: z.enum(['present', 'absent']).describe('Whether a matching process must run'),
    label: z.string().optional().describe('What to call it in the reason, e.g. "the spambot" (absent: "the process")'),
  })
  .strict();

export const processCheck: CheckKind<z.infer<typeof processParams>> = {
  kind: 'process',
  summary: 'a process is running (or not) on hosts',
  probe: false,
  params: processParams,
  refs: (p) => ({ hosts: p.hosts }),
  async run({ sim }, p) {
    const re = new RegExp(p.match, 'i');
    const running = expandHosts(sim, p.hosts).filter((h) => sim.machine(h).procs.find((x) => re.test(x.command) || re.test(x.role ?? '')).length > 0);
    const names = running.map(shortName);
    const label = p.label ?? t('grader.process.label');
    if (p.expect === 'absent') return running.length === 0 ? pass(t('grader.process.gone', { label })) : fail(t('grader.process.still-runs', { label, hosts: listShort(names) }));
    return running.length > 0 ? pass(t('grader.process.runs', { label, hosts: listShort(names) })) : fail(t('grader.process.not-running', { label }));
  },
};

const dnsblParams = z
  .object({
    address: z.string().describe('IPv4 address whose listing is checked, e.g. 203.0.113.25'),
    expect: z.enum(['listed', 'not-listed']).describe('Required listing state'),
  })
  .strict();

export const dnsblCheck: CheckKind<z.infer<typeof dnsblParams>> = {
  kind: 'dnsbl',
  summary: 'an address is (or is not) listed on the DNS blocklist',
  probe: false,
  params: dnsblParams,
  async run({ sim }, p) {
    const listing = sim.dnsbl.listings[p.address];
    const zone = sim.dnsbl.zone;
    if (p.expect === 'not-listed') {
      if (!listing) return pass(t('grader.dnsbl.not-listed', { address: p.address, zone }));
      // What became of the learner's last removal request says what to do next.
      const req = sim.world?.delistRequests.filter((q) => q.ip === p.address).pop();
      const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
      const after =
        req?.state === 'pending' ? t('grader.dnsbl.request-pending', { at: hhmm(req.dueAt) })
        : req?.state === 'refused' ? t('grader.dnsbl.request-refused', { at: hhmm(req.requestedAt), reason: req.reason ?? '' })
        : '';
      return fail(t('grader.dnsbl.still-listed', { address: p.address, zone, reason: listing.reason, after }));
    }
    return listing ? pass(t('grader.dnsbl.listed', { address: p.address, zone })) : fail(t('grader.dnsbl.not-listed', { address: p.address, zone }));
  },
};

/** Named counters a lab may set thresholds on; add one here to make it usable. The label is looked up when a reason is written. */
export const COUNTERS: Record<string, { label(): string; read(sim: GraderEnv): number }> = {
  'messages-accepted': { label: () => t('grader.counter.messages-accepted'), read: (sim) => sim.accepted.length },
  'dnsbl-listings': { label: () => t('grader.counter.dnsbl-listings'), read: (sim) => Object.keys(sim.dnsbl.listings).length },
};

const counterParams = z
  .object({
    counter: z.string().describe(`Counter name (${Object.keys(COUNTERS).join(', ')})`),
    min: z.number().optional().describe('Lowest passing value'),
    max: z.number().optional().describe('Highest passing value'),
  })
  .strict()
  .refine((p) => p.min !== undefined || p.max !== undefined, () => ({ message: t('grader.counter.needs-bound') }))
  .refine((p) => p.counter in COUNTERS, (p) => ({ message: t('grader.counter.unknown', { counter: p.counter, known: Object.keys(COUNTERS).join(', ') }), path: ['counter'] }));

export const counterCheck: CheckKind<z.infer<typeof counterParams>> = {
  kind: 'counter',
  summary: 'a named counter is within thresholds',
  probe: false,
  params: counterParams,
  async run({ sim }, p) {
    const c = COUNTERS[p.counter]!;
    const value = c.read(sim);
    const label = c.label();
    if (p.min !== undefined && value < p.min) return fail(t('grader.counter.too-low', { label, value, min: p.min }));
    if (p.max !== undefined && value > p.max) return fail(t('grader.counter.too-high', { label, value, max: p.max }));
    return pass(t('grader.counter.value', { label, value }));
  },
};
