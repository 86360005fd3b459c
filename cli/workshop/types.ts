/**
 * The workshop's data: seats, progress events as the lab page reports them
 * (derived from the grading rule, simulator/grader/progress-events.ts), the
 * hint policy, and the one store interface both databases implement.
 */
import type { ProgressEventKind } from '../../simulator/grader/progress-events.ts';

export type { ProgressEventKind };

/** One progress event as posted by a lab page. `id` is the page's: resending it stores nothing twice. */
export type WorkshopEvent = {
  id: string;
  lab: string;
  /** '' for lab-level events (opened, complete). */
  step: string;
  kind: ProgressEventKind;
  /** When it happened, in the server's clock (the page's time corrected by its offset at sending). */
  at: number;
  /** The page's counter for this lab: the later of two status events wins, whatever order they arrive in. */
  seq: number;
  /** The verdict's reason, the answer given, the hint count… */
  detail: string;
};

export type Seat = { id: number; token: string; name: string; seed: number; joinedAt: number; lastAt: number };

/** Per seat, lab and step: where the attendee stands. step '' holds the lab's opened/complete times. */
export type StepState = {
  seat: number;
  lab: string;
  step: string;
  /** passed | reopened | open (a wrong fix or an answer moved nothing yet) | opened | complete (step ''). */
  status: string;
  /** When the status last changed. */
  since: number;
  /** First time it passed (step '': when the lab was opened). */
  firstAt: number | null;
  hints: number;
  wrongFixes: number;
  showMe: number;
  answer: string;
};

export type WrongFix = { lab: string; step: string; reason: string; seats: number; times: number };

export type HintPolicy = {
  /** free: any time; after: once the step has been current for `afterMinutes`; off: none. */
  hints: 'free' | 'after' | 'off';
  afterMinutes: number;
  /** The trainer's "Show me" switch: each step offers its solution commands. */
  showMe: boolean;
};

export const DEFAULT_POLICY: HintPolicy = { hints: 'free', afterMinutes: 10, showMe: false };

export type ClassData = { seats: Seat[]; states: StepState[]; wrongFixes: WrongFix[] };

/**
 * The progress store: the same interface and the same SQL on SQLite
 * (store-sqlite.ts, the room) and PostgreSQL (store-pg.ts, a company).
 * Every write is one transaction; `record` answers with the ids that are
 * durable — new or stored before — and only those may be acknowledged.
 */
export interface ProgressStore {
  readonly kind: 'sqlite' | 'postgres';
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Resume the seat of this token, else of this name (case and spaces ignored), else a new seat. */
  join(name: string, token: string | undefined, now: number, seedFor: (seatId: number) => number, newToken: () => string): Promise<Seat>;
  seatByToken(token: string): Promise<Seat | undefined>;
  record(seatId: number, events: readonly WorkshopEvent[], now: number): Promise<string[]>;
  classData(wrongFixLimit?: number): Promise<ClassData>;
  /** Every stored event, oldest first (export, tests). */
  allEvents(): Promise<(WorkshopEvent & { seat: number })[]>;
  close(): Promise<void>;
}

export const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Wrong fixes are grouped by their reason with numbers taken out (seeds change addresses and counts). */
export const reasonKey = (reason: string) => reason.replace(/\d+/g, '#').slice(0, 300);
