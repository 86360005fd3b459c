/**
 * Answer steps (staff): a multiple-choice or short answer, checked against a
 * fact computed from the simulation — never against a string in the lab file —
 * so a lab stays correct when the seed changes which hosts are infected.
 */
import { z } from 'zod';
import type { Simulation } from '../../simulation.ts';
import { infectedHosts } from '../../net/topology.ts';
import { parseMbox } from '../../mail/mailbox.ts';
import { runBattery } from './relay-battery.ts';
import { tryTransaction } from './mail-flow.ts';
import { fail, pass, type CheckKind } from '../types.ts';

type Fact = { kind: 'set' | 'one'; values: string[]; noun: string } | { kind: 'unknown'; why: string };

const FACTS = {
  /** Which workstations run a spambot (short names). */
  'infected-workstations': async (sim: Simulation): Promise<Fact> => ({ kind: 'set', values: infectedHosts(sim.topology).map((h) => h.short), noun: 'the infected workstations' }),
  /** Is the mail server an open relay right now, as the battery from outside finds it? */
  'open-relay': async (sim: Simulation): Promise<Fact> => {
    const r = await runBattery(sim, 'outside', 'mail.corp.example', 25);
    if (!r.reached) return { kind: 'unknown', why: 'the mail server cannot be reached from outside' };
    return { kind: 'one', values: [r.accepted.length > 0 ? 'yes' : 'no'], noun: 'whether the server relays' };
  },
  /** What a by-hand relay attempt with a foreign sender gets from outside: `accepted` or `refused`. */
  'manual-relay': async (sim: Simulation): Promise<Fact> => {
    const o = await tryTransaction(sim, { from: 'outside', target: 'mail.corp.example', port: 25, mailFrom: 'test@example.org', rcptTo: 'victim@example.net' });
    if (!o.reached) return { kind: 'unknown', why: 'the mail server cannot be reached from outside' };
    return { kind: 'one', values: [o.accepted ? 'accepted' : 'refused'], noun: 'what the server answered' };
  },
  /** How many of the 16 battery tests the server accepts from outside. */
  'battery-accepted': async (sim: Simulation): Promise<Fact> => {
    const r = await runBattery(sim, 'outside', 'mail.corp.example', 25);
    if (!r.reached) return { kind: 'unknown', why: 'the mail server cannot be reached from outside' };
    return { kind: 'one', values: [String(r.accepted.length)], noun: 'the number of accepted tests' };
  },
  /** The envelope sender (Return-Path) of the newest message in a user's mailbox. */
  'return-path': async (sim: Simulation, p: { user?: string }): Promise<Fact> => {
    const msgs = parseMbox(sim.mailbox(p.user ?? 'bob'));
    const last = msgs[msgs.length - 1];
    if (!last) return { kind: 'unknown', why: `${p.user ?? 'bob'}'s mailbox is empty — send the message first` };
    return { kind: 'one', values: [last.envelopeFrom.toLowerCase()], noun: 'the Return-Path' };
  },
} as const;

export const FACT_NAMES = Object.keys(FACTS) as Array<keyof typeof FACTS>;

const params = z
  .object({
    fact: z.enum(FACT_NAMES as [keyof typeof FACTS, ...Array<keyof typeof FACTS>]).describe('The fact of the simulation the answer must match'),
    user: z.string().optional().describe('For `return-path`: whose mailbox'),
  })
  .strict();

/** Lower-case, no <>, no quotes; "ws03, ws07" and "ws07 ws03" are the same set. */
function words(answer: string): string[] {
  return answer
    .toLowerCase()
    .replace(/[<>"']/g, '')
    .split(/[\s,;]+|\band\b/)
    .map((w) => w.replace(/\.corp\.example$/, '').trim())
    .filter(Boolean);
}

export const answerCheck: CheckKind<z.infer<typeof params>> = {
  kind: 'answer',
  summary: "the learner's answer to the step's question matches a fact of the simulation",
  probe: false,
  params,
  async run({ sim, answers, stepId }, p) {
    const given = answers[stepId];
    if (given === undefined || given.trim() === '') return fail('No answer given yet.');
    const fact = await FACTS[p.fact](sim, p);
    if (fact.kind === 'unknown') return fail(`Cannot check yet: ${fact.why}.`);
    const got = words(given);
    if (fact.kind === 'one') {
      // A choice may explain itself ("refused — Relay access denied"): its first word is the answer.
      return got.join(' ') === fact.values[0] || got[0] === fact.values[0] ? pass(`Right: ${fact.values[0]}.`) : fail(`"${given.trim()}" is not ${fact.noun}; look again.`);
    }
    const want = new Set(fact.values);
    const wrong = got.filter((g) => !want.has(g));
    const missing = fact.values.filter((v) => !got.includes(v));
    if (wrong.length === 0 && missing.length === 0) return pass(`Right: ${fact.values.join(', ')}.`);
    if (wrong.length) return fail(`${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not among ${fact.noun}.`);
    return fail(`Some of ${fact.noun} are missing (${missing.length} more).`);
  },
};
