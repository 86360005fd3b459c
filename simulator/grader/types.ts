/**
 * The grader's vocabulary. A check kind is a named, declarative predicate on
 * simulator state (or a probe that acts on the network like an outside
 * auditor); labs name kinds in data, the grader runs them. Reasons are one
 * line in the learner's terms, never a stack trace.
 */
import type { z } from 'zod';
import type { GraderEnv } from './grader-env.ts';
import type { RelayBatteryResult } from './checks/relay-battery.ts';

export type CheckResult = { pass: boolean; reason: string };

export type GradeContext = {
  sim: GraderEnv;
  /** Answers given to question steps, by step id. */
  answers: Readonly<Record<string, string>>;
  /** The step being graded (answer checks read its answer). */
  stepId: string;
  /** Told of each relay battery a check runs, with its raw result (the lab page's map shows that same run). */
  onBattery?: GradeOptions['onBattery'];
};

export type GradeOptions = {
  onBattery?(run: { from: string; target: string; port: number }, result: RelayBatteryResult): void;
};

/** Names a check refers to, so the validator can reject unknown hosts before a learner ever sees the lab. */
export type CheckRefs = { hosts?: string[] };

export interface CheckKind<P = any> {
  kind: string;
  /** One line for `relaylab labs show` and authors. */
  summary: string;
  /** Probes connect over the wire; predicates only read state. */
  probe: boolean;
  params: z.ZodType<P, z.ZodTypeDef, any>;
  refs?(params: P): CheckRefs;
  /** Reads what the learner did (grader/evidence.ts): a lab naming it records the evidence from its start. */
  evidence?: boolean;
  run(ctx: GradeContext, params: P): Promise<CheckResult>;
}

export const pass = (reason: string): CheckResult => ({ pass: true, reason });
export const fail = (reason: string): CheckResult => ({ pass: false, reason });
