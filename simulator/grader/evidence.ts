/**
 * Evidence for answer checks: what the learner did on the network, recorded
 * from `sim.events` while it happens, so a question step passes only when the
 * learner did what the question is about — never from the text they typed.
 *
 * Compact on purpose: only the learner's own wire sessions with the mail
 * server (telnet, nc, swaks, relaytest's nmap — never a probe, never the
 * world's bulk traffic), only the SMTP steps the answer facts read, and the
 * local deliveries of the messages those sessions queued. A lab that needs it
 * installs the recorder when its simulation is built (labs/scenario.ts), after
 * the scenario's own set-up, so a seeded queue is not mistaken for the learner.
 */
import type { NetEvent } from '../core/events.ts';
import { MAIL_HOST } from '../net/corp-hosts.ts';
import type { GraderEnv } from './grader-env.ts';

/** Programs a learner runs from the shell that speak SMTP over the wire. */
export const LEARNER_PROGRAMS: ReadonlySet<string> = new Set(['telnet', 'nc', 'swaks', 'nmap']);
/** The steps answer facts read (EHLO, NOOP, VRFY… are dropped). */
const KEPT = new Set(['MAIL', 'RCPT', 'DATA', 'RSET', 'QUIT']);
/** Bounds, so a runaway loop cannot grow the record without end. */
const MAX_SESSIONS = 100;
const MAX_STEPS = 64;

/** One SMTP step; `at` is the virtual time of its reply. */
export type SmtpStep = { command: string; argument: string; reply: string; at?: number };
export type SessionRecord = {
  session: number;
  /** The client machine's full name, as the event stream gives it. */
  fromHost: string;
  program: string;
  /** smtpd service (`smtp` on port 25, `submission` on 587). */
  service: string;
  steps: SmtpStep[];
};
/** A message a learner's session queued that local(8) put into a mailbox. */
export type LocalDelivery = { qid: string; session: number; sender: string; recipient: string };
/** A learner's connection attempt to the mail server that did not get through. */
export type FailedConnect = { from: string; program: string; port: number; verdict: string };

export class EvidenceLog {
  readonly sessions: SessionRecord[] = [];
  readonly deliveries: LocalDelivery[] = [];
  readonly failedConnects: FailedConnect[] = [];
  private readonly open = new Map<number, SessionRecord>();
  /** The queue and delivery events of a DATA in progress: they precede its 250 reply. */
  private pending?: { qid: string; sender: string; local: string[] };

  observe(e: NetEvent): void {
    if (e.type === 'queue') {
      if (e.action === 'queued') this.pending = { qid: e.qid, sender: e.sender ?? '', local: [] };
      return;
    }
    if (e.type === 'delivery') {
      if (this.pending?.qid === e.qid && e.relay === 'local' && e.status === 'sent') this.pending.local.push(e.recipient);
      return;
    }
    if (e.type === 'connect') {
      if (!e.probe && e.via === 'wire' && e.program && LEARNER_PROGRAMS.has(e.program) && e.verdict !== 'accepted' && e.toHost === MAIL_HOST) {
        this.failedConnects.push({ from: e.from, program: e.program, port: e.port, verdict: e.verdict });
        if (this.failedConnects.length > MAX_SESSIONS) this.failedConnects.shift();
      }
      return;
    }
    if (e.type !== 'smtp') return;
    const pending = this.pending;
    if (e.command === 'DATA') this.pending = undefined;
    if (e.probe || e.via !== 'wire' || !e.program || !LEARNER_PROGRAMS.has(e.program) || !e.fromHost) return;
    if (!KEPT.has(e.command)) return;
    let rec = this.open.get(e.session);
    if (!rec) {
      rec = { session: e.session, fromHost: e.fromHost, program: e.program, service: e.service, steps: [] };
      this.open.set(e.session, rec);
      this.sessions.push(rec);
      if (this.sessions.length > MAX_SESSIONS) this.open.delete(this.sessions.shift()!.session);
    }
    if (rec.steps.length < MAX_STEPS || e.command === 'QUIT') rec.steps.push({ command: e.command, argument: e.argument, reply: e.reply, at: e.at });
    const queued = /queued as ([0-9A-F]+)/.exec(e.reply)?.[1];
    if (e.command === 'DATA' && queued && pending?.qid === queued) {
      for (const recipient of pending.local) this.deliveries.push({ qid: queued, session: e.session, sender: pending.sender, recipient });
    }
  }
}

const LOGS = new WeakMap<GraderEnv, EvidenceLog>();

/** Start recording the learner's evidence on this simulation (once; later calls return the same log). */
export function recordEvidence(sim: GraderEnv): EvidenceLog {
  let log = LOGS.get(sim);
  if (!log) {
    const l = (log = new EvidenceLog());
    LOGS.set(sim, l);
    sim.events.subscribe((e) => l.observe(e));
  }
  return log;
}

/** The evidence recorded on this simulation, if its lab installed the recorder. */
export function evidenceOf(sim: GraderEnv): EvidenceLog | undefined {
  return LOGS.get(sim);
}
