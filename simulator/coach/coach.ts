/**
 * The coach: names the common mistakes of a lab as soon as the command that
 * made them returns — at the prompt, or when telnet's server has answered —
 * in the learner's words, each once per occurrence. It reads the event stream
 * and the simulation's state; typed text only for keyboard slips
 * (shell-slips.ts), and it never grades. Pure and isomorphic: the lab page,
 * `relaylab shell --lab` and `relaylab check` (labs/attempt.ts) use it alike.
 *
 *   const coach = createCoach(sim, lab, { currentStep: () => firstOpenStepId });
 *   coach.attach(session);                 // the learner's ShellSession
 *   coach.onMistake((m) => show(m.text, m.action === 'reset' ? resetButton : undefined));
 *   …
 *   coach.dispose();
 */
import type { NetEvent } from '../core/events.ts';
import type { Lab } from '../labs/schema.ts';
import { MAIL_HOST } from '../net/corp-hosts.ts';
import type { GraderEnv } from '../grader/grader-env.ts';
import type { ShellSession } from '../shell/session.ts';
import { say, type MessageId } from './messages.ts';
import type { Mistake, MistakeId } from './types.ts';
import { relayTestSteps, relayedFromInside } from './inside-relay.ts';
import { unappliedEdit } from './config-drift.ts';
import { DeadEnds } from './dead-ends.ts';
import { BodyWatch, smtpVerbAtPrompt, telnetWithoutPort } from './shell-slips.ts';

export type { Mistake, MistakeId } from './types.ts';

export type CoachOptions = {
  /**
   * The step the learner is on (the page: the first step not done). Asked only
   * when a mistake depends on it (testing from inside while the step is about
   * testing the relay); may be async (a headless run grades to find it).
   * Without it every step about testing the relay counts as current.
   */
  currentStep?: () => string | undefined | Promise<string | undefined>;
};

export interface Coach {
  /** Watch the learner's shell; returns the detach. */
  attach(session: ShellSession): () => void;
  /** Told each mistake as it is named; returns the unsubscribe. */
  onMistake(fn: (m: Mistake) => void): () => void;
  /** Every mistake named so far, in order. */
  readonly seen: readonly Mistake[];
  /** Resolves once every mistake found so far has been named (a headless driver waits before typing on). */
  idle(): Promise<void>;
  /** Name what still stands on the current state (an edit not reloaded); for Check and the end of a scripted run. */
  standing(): Mistake[];
  dispose(): void;
}

/** A mistake found but not yet named: named at the next quiet moment, filtered by the current step if it asks. */
type Found = { id: MistakeId; message: MessageId; params?: Record<string, string>; action?: 'reset'; relayStepOnly?: boolean };

/** "a, b and 3 more". */
function listFew(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, 2).join(', ')} and ${items.length - 2} more`;
}

export function createCoach(sim: GraderEnv, lab: Lab, opts: CoachOptions = {}): Coach {
  const relaySteps = relayTestSteps(lab);
  const deadEnds = new DeadEnds(sim, lab);
  const body = new BodyWatch();
  const seen: Mistake[] = [];
  let listeners: Array<(m: Mistake) => void> = [];
  let pending: Found[] = [];
  let work: Promise<void> = Promise.resolve();
  let waiting = 0;
  const detach: Array<() => void> = [];

  // Occurrences already named, so nothing is said twice about the same thing.
  const insideSessions = new Set<number>();
  let driftTold = false;
  const deadEndsTold = new Set<MistakeId>();
  let verbRun = false;
  let telnet23 = false;
  /** Colleagues' messages deleted since the dead end was found and before it is named. */
  let lostMail: string[] | undefined;

  const name = (f: Found) => {
    if (f.id === 'legit-deleted') lostMail = undefined;
    const m: Mistake = { id: f.id, text: say(f.message, f.params), at: sim.clock.now(), ...(f.action ? { action: f.action } : {}) };
    seen.push(m);
    for (const l of listeners) l(m);
  };

  /** Name what was found, once per kind in this quiet moment (a battery from inside is 16 sessions, one mistake). */
  const flush = () => {
    if (pending.length === 0) return;
    const found = pending.filter((f, i) => pending.findIndex((g) => g.id === f.id) === i);
    pending = [];
    const relevant = (step: string | undefined) => (opts.currentStep ? step !== undefined && relaySteps.has(step) : relaySteps.size > 0);
    const emit = (step: string | undefined) => {
      for (const f of found) if (!f.relayStepOnly || relevant(step)) name(f);
    };
    const step = found.some((f) => f.relayStepOnly) ? opts.currentStep?.() : undefined;
    if (!(step instanceof Promise) && waiting === 0) return emit(step);
    // Asked asynchronously (or behind an earlier such question): keep the order of naming.
    waiting++;
    work = work.then(() => step).then(emit).finally(() => void waiting--);
  };

  const onEvent = (e: NetEvent) => {
    if (e.type === 'smtp') {
      const host = relayedFromInside(sim, e);
      if (host && !insideSessions.has(e.session)) {
        insideSessions.add(e.session);
        pending.push({ id: 'tested-from-inside', message: 'tested-from-inside', params: { host }, relayStepOnly: true });
      }
    } else if (e.type === 'connect') {
      if (e.probe || e.via !== 'wire') return;
      if (e.program === 'telnet' && e.port === 23 && e.verdict !== 'accepted') telnet23 = true;
      // Testing the mail server while main.cf holds an edit the running smtpd does not have.
      if (e.verdict === 'accepted' && e.toHost === MAIL_HOST && [...sim.mailServer.services.values()].some((svc) => svc.port === e.port) && !driftTold && unappliedEdit(sim)) {
        driftTold = true;
        pending.push({ id: 'not-reloaded', message: 'not-reloaded' });
      }
    } else if (e.type === 'config') {
      if (e.action === 'reload' || e.action === 'start') driftTold = false;
    } else {
      const d = deadEnds.see(e);
      if (d?.id === 'legit-deleted' && lostMail) lostMail.push(d.mail); // the same `postsuper -d`: one message naming them all
      else if (d && !deadEndsTold.has(d.id)) {
        deadEndsTold.add(d.id);
        if (d.id === 'spam-delivered') pending.push({ id: d.id, message: d.id, params: { relay: d.relay }, action: 'reset' });
        else {
          const mails = (lostMail = [d.mail]);
          pending.push({ id: d.id, message: d.id, params: { get mail() { return listFew(mails); } }, action: 'reset' });
        }
      }
    }
  };
  detach.push(sim.events.subscribe(onEvent));

  const commandDone = (line: string, host: string) => {
    const verb = smtpVerbAtPrompt(sim, line, host);
    // One explanation for a whole dialogue pasted at the prompt.
    if (verb && !verbRun) pending.push({ id: 'smtp-verb-at-prompt', message: 'smtp-verb-at-prompt', params: { verb } });
    verbRun = !!verb;
    const typedHost = telnetWithoutPort(line);
    if (telnet23 && typedHost) pending.push({ id: 'telnet-no-port', message: 'telnet-no-port', params: { host: typedHost } });
    telnet23 = false;
    if (body.ended()) pending.push({ id: 'still-in-data', message: 'still-in-data-closed' });
    // An edit that was told about and is now applied (or undone) ends that occurrence.
    if (driftTold && !unappliedEdit(sim)) driftTold = false;
    flush();
  };

  return {
    attach(session) {
      const off = session.observe({
        commandDone: (d) => commandDone(d.line, d.host),
        programLine: (line, info) => {
          const typed = body.line(line, info.inBody);
          if (typed) pending.push({ id: 'still-in-data', message: 'still-in-data', params: { typed } });
        },
        programReady: flush,
      });
      detach.push(off);
      return off;
    },
    onMistake(fn) {
      listeners = [...listeners, fn];
      return () => void (listeners = listeners.filter((l) => l !== fn));
    },
    get seen() {
      return seen;
    },
    idle: () => work,
    standing() {
      const out: Mistake[] = [];
      if (!driftTold && unappliedEdit(sim)) {
        driftTold = true;
        const before = seen.length;
        name({ id: 'not-reloaded', message: 'not-reloaded' });
        out.push(...seen.slice(before));
      }
      return out;
    },
    dispose() {
      for (const off of detach.splice(0)) off();
      listeners = [];
    },
  };
}
