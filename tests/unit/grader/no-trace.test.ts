/**
 * Grading leaves no trace: for every shipped lab (its solution typed as a
 * person would, graded after every line and again at the end) and for every
 * check kind, what the learner can observe is byte-identical to the same run
 * never graded — every host's files (mail.log, firewall.log, mailboxes,
 * crontabs), the queue, mail counters, iptables counters, processes, open
 * connections, the clock and every seeded stream. A continuation typed
 * afterwards (logs, queue, ps, ss, a new SMTP session with its queue id) must
 * print the same transcript in both.
 */
import { describe, expect, it } from 'vitest';
import { loadLab, loadLabs } from '../../../cli/lab-files.ts';
import { labSimulation, typeLines } from '../../../simulator/labs/attempt.ts';
import { gradeLab, gradeStep } from '../../../simulator/grader/grade.ts';
import { CHECK_KINDS } from '../../../simulator/grader/registry.ts';
import { FACT_NAMES } from '../../../simulator/grader/checks/answer.ts';
import { COUNTERS } from '../../../simulator/grader/checks/state.ts';
import { solutionAnswers, solutionLines } from '../../../simulator/labs/scenario.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import type { Lab, LabStep } from '../../../simulator/labs/schema.ts';
import type { Simulation } from '../../../simulator/simulation.ts';

/** One example of every check kind; a kind added to the registry without one here fails the test. */
const EXAMPLES: Record<string, Array<Record<string, unknown>>> = {
  'relay-battery': [{ expect: 'closed' }, { expect: 'open', from: 'ws01' }],
  'mail-inbound': [{}],
  'mail-outbound': [{}],
  submission: [{ auth: { user: 'alice' } }, { auth: { user: 'alice', password: 'wrong' } }, {}],
  'firewall-effect': [{ from: ['workstations'], expect: 'blocked' }, { from: ['mail'], expect: 'open' }],
  mailbox: [{ user: 'bob', header: '^Subject: .+' }],
  process: [{ hosts: ['workstations'], match: 'bot', expect: 'absent' }],
  dnsbl: [{ address: '203.0.113.25', expect: 'not-listed' }],
  counter: Object.keys(COUNTERS).map((counter) => ({ counter, min: 0 })),
  answer: FACT_NAMES.map((fact) => ({ fact })),
  config: [{ parameter: 'mynetworks', notContains: '0.0.0.0/0' }, { parameter: 'smtpd_relay_restrictions', contains: 'reject_unauth_destination', service: 'submission' }],
  queue: [{ spam: 'none', legit: 'kept' }],
  infection: [{}],
  credentials: [{}],
  'spam-stopped': [{}, { routes: ['bot-direct'], quietMinutes: 5 }],
  'legit-flow': [{}],
  'learner-sent': [{}, { to: '@example\\.net$', from: 'outside', service: 'submission' }],
};

function everyKindStep(): LabStep {
  const checks = CHECK_KINDS.flatMap((k) => (EXAMPLES[k.kind] ?? []).map((p) => ({ kind: k.kind, ...p })));
  return { id: 'every-kind', title: 'every kind', checks } as unknown as LabStep;
}

/** Everything a learner could look at, as one comparable value. */
function visibleState(sim: Simulation): unknown {
  const hosts: Record<string, unknown> = {};
  for (const [name, m] of sim.machines) {
    const files: Record<string, string> = {};
    for (const p of m.fs.paths()) if (!m.fs.isDir(p)) files[p] = `${m.fs.stat(p).mtime} ${m.fs.read(p)}`;
    hosts[name] = { files, procs: m.procs.snapshot() };
  }
  const mail = sim.mailServer;
  return {
    now: sim.clock.now(),
    rng: sim.rng.getState(),
    mailRng: mail.rng.getState(),
    stats: { ...mail.stats, queue: mail.stats.queue },
    log: mail.log.text(),
    queue: mail.queue.all().map((q) => JSON.stringify(q)),
    firewall: sim.firewall.snapshot(),
    dnsbl: JSON.stringify(sim.dnsbl),
    connections: sim.network.connections(),
    hosts,
  };
}

/** What a learner would type next to look around, and a new SMTP session whose queue id depends on every stream. */
const CONTINUATION = [
  'ssh mail', 'tail -n 40 /var/log/mail.log', 'mailq', 'ps aux', 'exit',
  'ssh fw', 'iptables -L -n -v', 'tail -n 5 /var/log/firewall.log', 'exit',
  'ss -tnp',
  'telnet mail.corp.example 25', 'EHLO ops.corp.example', 'MAIL FROM:<admin@corp.example>', 'RCPT TO:<bob@corp.example>',
  'DATA', 'Subject: after grading', '', 'hi', '.', 'QUIT',
  'ssh mail', 'tail -n 8 /var/log/mail.log', 'exit',
];

/** Let closing sockets finish closing (they do on later ticks, as real ones do). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

async function run(lab: Lab, seed: number, grading: boolean, extraLines: string[] = []): Promise<{ state: unknown; transcript: string }> {
  const sim = labSimulation(lab, seed);
  let transcript = '';
  const session = createShell(sim, { write: (d) => void (transcript += d), cols: 100, rows: 30 }, { startHost: lab.startHost });
  session.start();
  const answers = solutionAnswers(lab, seed);
  const extra = everyKindStep();
  for (const line of [...solutionLines(lab, seed), ...extraLines]) {
    await session.feedLine(line);
    if (grading) {
      await gradeLab(sim, lab, answers);
      await gradeStep(sim, extra, answers);
    }
  }
  await typeLines(session, []);
  if (grading) for (let i = 0; i < 2; i++) await gradeLab(sim, lab, answers);
  await settle();
  const state = visibleState(sim);
  transcript = '';
  await typeLines(session, CONTINUATION);
  return { state, transcript };
}

describe('grading leaves no trace', () => {
  it('the example table covers every check kind in the registry', () => {
    expect(CHECK_KINDS.map((k) => k.kind).filter((k) => !EXAMPLES[k])).toEqual([]);
  });

  describe.each(loadLabs().map((l) => l.dir))('lab %s', (id) => {
    it('graded after every line and again at the end, the learner sees exactly what an ungraded run shows', async () => {
      const lab = loadLab(id);
      const graded = await run(lab, 7, true);
      const plain = await run(lab, 7, false);
      expect(graded.state).toEqual(plain.state);
      expect(graded.transcript).toBe(plain.transcript);
      // The continuation really exercised the mail server (a queue id was handed out).
      expect(plain.transcript).toMatch(/250 2\.0\.0 Ok: queued as [0-9A-F]{10,}/);
    }, 120_000);
  });

  it('with the living world running (employees, bots, the outside spammer), grading still changes nothing', async () => {
    const base = loadLab('close-the-relay');
    const lab = { ...base, scenario: { ...base.scenario, world: true } } as Lab;
    const graded = await run(lab, 11, true, ['advance 20m', 'ssh fw', 'iptables -L FORWARD -n -v', 'exit']);
    const plain = await run(lab, 11, false, ['advance 20m', 'ssh fw', 'iptables -L FORWARD -n -v', 'exit']);
    expect(graded.state).toEqual(plain.state);
    expect(graded.transcript).toBe(plain.transcript);
    // The world really ran: the mail server saw the colleagues' and the spammer's sessions.
    expect((plain.state as { stats: { connections: number } }).stats.connections).toBeGreaterThan(20);
  }, 120_000);
});
