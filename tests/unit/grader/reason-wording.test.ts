/**
 * The grader's reasons come from the catalogue (simulator/i18n/en/grader.ts):
 * counts read right in the singular and the plural, and a switched catalogue
 * reaches reasons written by checks — nothing is fixed at import.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import { typeLines } from '../../../simulator/labs/attempt.ts';
import { firewallEffectCheck } from '../../../simulator/grader/checks/firewall-effect.ts';
import { mailboxCheck } from '../../../simulator/grader/checks/mailbox.ts';
import { legitFlowCheck, spamStoppedCheck } from '../../../simulator/grader/checks/world-state.ts';
import { answerCheck } from '../../../simulator/grader/checks/answer.ts';
import { listShort } from '../../../simulator/grader/hosts.ts';
import { SPAM_ROUTES, LEGIT_ROUTES } from '../../../simulator/world/ledger.ts';
import type { GraderEnv } from '../../../simulator/grader/grader-env.ts';
import type { CheckKind } from '../../../simulator/grader/types.ts';
import { en } from '../../../simulator/i18n/en.ts';
import { useCatalogue, type Catalogue } from '../../../simulator/i18n/t.ts';

async function reason<P>(kind: CheckKind<P>, sim: GraderEnv, raw: Record<string, unknown>): Promise<string> {
  return (await kind.run({ sim, answers: {}, stepId: 's' }, kind.params.parse(raw))).reason;
}

/** Closes outbound TCP/25 for the desks on fw, as lab 6's solution does. */
async function blockDesks(sim: Simulation): Promise<void> {
  const session = createShell(sim, { write: () => undefined, cols: 100, rows: 30 }, { startHost: 'fw' });
  await typeLines(session, ['iptables -A FORWARD -i eth1 -o eth0 -p tcp --dport 25 -j REJECT --reject-with tcp-reset']);
}

const mbox = (n: number) =>
  Array.from({ length: n }, (_, i) => `From alice@corp.example Thu Mar  5 10:0${i}:00 2026\nSubject: note ${i}\n\nhello\n\n`).join('');
const withMailbox = (text: string) => ({ mailbox: () => text }) as unknown as GraderEnv;

const NOW = Date.UTC(2026, 2, 5, 12, 0);
/** A world that started `startedAgo` ms before now, with spam last seen `spamAgo` ms before now on every route. */
function worldEnv(startedAgo: number, spamAgo: number): GraderEnv {
  const spamRoutes = Object.fromEntries(SPAM_ROUTES.map((r) => [r, { lastAt: NOW - spamAgo, count: 3 }]));
  const legitRoutes = Object.fromEntries(LEGIT_ROUTES.map((r) => [r, { ok: { count: 2, lastAt: 0 }, lost: { count: 0, lastAt: -Infinity } }]));
  return { clock: { now: () => NOW }, world: { startedAt: NOW - startedAgo, ledger: { spamRoutes, legitRoutes, failures: [] } } } as unknown as GraderEnv;
}

describe('grader reasons count right', () => {
  it('firewall-effect: one source host, and all N source hosts', async () => {
    const sim = new Simulation({ seed: 3 });
    await blockDesks(sim);
    expect(await reason(firewallEffectCheck, sim, { from: ['ws01'], expect: 'blocked' })).toBe('TCP/25 to mx.example.net is blocked for the 1 source host.');
    expect(await reason(firewallEffectCheck, sim, { from: ['ws01', 'ws02'], expect: 'blocked' })).toBe('TCP/25 to mx.example.net is blocked for all 2 source hosts.');
  });

  it('mailbox: 1 message, 2 messages', async () => {
    const raw = { user: 'bob', header: '^Subject: urgent' };
    expect(await reason(mailboxCheck, withMailbox(mbox(1)), raw)).toBe('bob has 1 message, but not with the expected header /^Subject: urgent/.');
    expect(await reason(mailboxCheck, withMailbox(mbox(2)), raw)).toBe('bob has 2 messages, but none with the expected header /^Subject: urgent/.');
  });

  it('spam-stopped and legit-flow: "1 minute", not "1 minutes"', async () => {
    const loud = worldEnv(3_600_000, 10_000);
    expect(await reason(spamStoppedCheck, loud, { quietMinutes: 1 })).toMatch(/it must stay quiet for 1 minute\.$/);
    expect(await reason(spamStoppedCheck, loud, { quietMinutes: 2 })).toMatch(/it must stay quiet for 2 minutes\.$/);
    const early = worldEnv(90_000, Infinity);
    expect(await reason(spamStoppedCheck, early, { quietMinutes: 5 })).toBe('Only 1 simulated minute has passed: let 5 go by (advance 5m) to see whether spam still leaves.');
    expect(await reason(legitFlowCheck, worldEnv(150_000, Infinity), { windowMinutes: 5 })).toBe(
      "Only 2 simulated minutes have passed: let 5 go by (advance 5m) to see the company's mail flow.",
    );
    expect(await reason(legitFlowCheck, early, { windowMinutes: 5 })).toMatch(/^Only 1 simulated minute has passed/);
  });

  it('a short list says how many more', () => {
    expect(listShort(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});

describe('a switched catalogue', () => {
  it('reaches reasons that were constants at import (no world, no evidence) and every other reason', async () => {
    const test: Catalogue = {
      'grader.world.none': 'KEINE WELT',
      'grader.answer.no-evidence': 'Keine Spuren.',
      'grader.answer.no-answer-and': 'Keine Antwort, und {why}',
      'grader.mailbox.empty': 'Das Postfach von {user} ist leer.',
      'grader.list.separator': ' / ',
    };
    const bare = { mailbox: () => '' } as unknown as GraderEnv;
    useCatalogue(test, 'de');
    try {
      expect(await reason(spamStoppedCheck, bare, {})).toBe('KEINE WELT');
      expect(await reason(answerCheck, bare, { fact: 'manual-relay' })).toBe('Keine Antwort, und keine Spuren.');
      expect(await reason(mailboxCheck, bare, { user: 'bob' })).toBe('Das Postfach von bob ist leer.');
      expect(listShort(['a', 'b'])).toBe('a / b');
    } finally {
      useCatalogue(en, 'en');
    }
    expect(await reason(spamStoppedCheck, bare, {})).toBe('This lab runs no living world, so there is nothing to judge (the lab file needs "world": true).');
  });
});
