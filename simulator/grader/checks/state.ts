/**
 * Predicates on plain simulator state: processes on a host, DNSBL listing of
 * an address, named counters. Cheap, no network.
 */
import { z } from 'zod';
import type { GraderEnv } from '../grader-env.ts';
import { expandHosts, listShort, shortName } from '../hosts.ts';
import { fail, pass, type CheckKind } from '../types.ts';

const processParams = z
  .object({
    hosts: z.array(z.string()).min(1).describe('Hosts to look on; `workstations` means every workstation'),
    match: z.string().describe('Regular expression matched against the command line or the process role'),
    expect: z.enum(['present', 'absent']).describe('Whether a matching process must run'),
    label: z.string().default('the process').describe('What to call it in the reason, e.g. "the spambot"'),
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
    if (p.expect === 'absent') return running.length === 0 ? pass(`${p.label} no longer runs anywhere.`) : fail(`${p.label} still runs on ${listShort(names)}.`);
    return running.length > 0 ? pass(`${p.label} runs on ${listShort(names)}.`) : fail(`${p.label} is not running.`);
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
      if (!listing) return pass(`${p.address} is not listed on ${zone}.`);
      // What became of the learner's last removal request says what to do next.
      const req = sim.world?.delistRequests.filter((q) => q.ip === p.address).pop();
      const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
      const after =
        req?.state === 'pending' ? ` — your delisting request is pending, due at ${hhmm(req.dueAt)} if no more spam is seen: let the time pass`
        : req?.state === 'refused' ? ` — your delisting request at ${hhmm(req.requestedAt)} was refused: ${req.reason}`
        : '';
      return fail(`${p.address} is still listed on ${zone} (${listing.reason})${after}.`);
    }
    return listing ? pass(`${p.address} is listed on ${zone}.`) : fail(`${p.address} is not listed on ${zone}.`);
  },
};

/** Named counters a lab may set thresholds on; add one here to make it usable. */
export const COUNTERS: Record<string, { label: string; read(sim: GraderEnv): number }> = {
  'messages-accepted': { label: 'messages accepted by the mail server', read: (sim) => sim.accepted.length },
  'dnsbl-listings': { label: 'addresses listed on the blocklist', read: (sim) => Object.keys(sim.dnsbl.listings).length },
};

const counterParams = z
  .object({
    counter: z.string().describe(`Counter name (${Object.keys(COUNTERS).join(', ')})`),
    min: z.number().optional().describe('Lowest passing value'),
    max: z.number().optional().describe('Highest passing value'),
  })
  .strict()
  .refine((p) => p.min !== undefined || p.max !== undefined, { message: 'give min, max or both' })
  .refine((p) => p.counter in COUNTERS, (p) => ({ message: `unknown counter "${p.counter}" (known: ${Object.keys(COUNTERS).join(', ')})`, path: ['counter'] }));

export const counterCheck: CheckKind<z.infer<typeof counterParams>> = {
  kind: 'counter',
  summary: 'a named counter is within thresholds',
  probe: false,
  params: counterParams,
  async run({ sim }, p) {
    const c = COUNTERS[p.counter]!;
    const v = c.read(sim);
    if (p.min !== undefined && v < p.min) return fail(`${c.label}: ${v}, expected at least ${p.min}.`);
    if (p.max !== undefined && v > p.max) return fail(`${c.label}: ${v}, expected at most ${p.max}.`);
    return pass(`${c.label}: ${v}.`);
  },
};
