/**
 * What a restriction sees and answers: the session facts and lookup tables it is
 * evaluated against, the restriction stages, verdicts and Postfix's reply format.
 * Shared by the evaluator (restrictions.ts) and the restrictions themselves.
 */
import type { EffectiveConfig } from './effective.ts';
import type { AccessMap } from './access-map.ts';
import type { Resolved } from './resolve.ts';

export interface Lookups {
  /** Access tables keyed by restriction argument (`hash:/etc/postfix/sender_access`) or path; text = postmap source. */
  readonly maps?: Readonly<Record<string, AccessMap | string>>;
  /** Local users (local_recipient_maps); when given, unknown local recipients get 550 5.1.1. */
  readonly localUsers?: Iterable<string>;
  /** DNSBL oracle: the A record (e.g. `127.0.0.2`) when `ip` is listed in `zone`. */
  readonly dnsbl?: (zone: string, ip: string) => string | undefined;
}

export interface CheckEnv {
  readonly config: EffectiveConfig;
  readonly client: { readonly ip: string; readonly hostname: string };
  readonly helo: string;
  readonly sender: string;
  readonly senderResolved: Resolved;
  readonly recipient: string;
  readonly rcpt: Resolved;
  readonly saslUser?: string;
  readonly tls: boolean;
  readonly lookups: Lookups;
  readonly warnings: string[];
}

export type Stage = 'client' | 'helo' | 'sender' | 'relay' | 'recipient';
export type Verdict = { kind: 'ok'; by: string } | { kind: 'dunno' } | { kind: 'reject'; reply: string; by: string };

export const STAGE_PARAM: Record<Stage, string> = {
  client: 'smtpd_client_restrictions',
  helo: 'smtpd_helo_restrictions',
  sender: 'smtpd_sender_restrictions',
  relay: 'smtpd_relay_restrictions',
  recipient: 'smtpd_recipient_restrictions',
};

/** A reply line; the enhanced code's class follows the reply code, as smtpd_check_reject() forces. */
export function reply(code: number, dsn: string, text: string): string {
  return `${code} ${String(code)[0]}${dsn.slice(1)} ${text}`;
}

/** A reject verdict naming the restriction that decided. */
export function rejectBy(by: string, code: number, dsn: string, text: string): Verdict {
  return { kind: 'reject', by, reply: reply(code, dsn, text) };
}

export type Evaluate = (list: readonly string[], stage: Stage, env: CheckEnv, depth?: number, prefix?: string) => Verdict;

/** One restriction of a list, as the evaluator hands it over. */
export interface RestrictionCall {
  /** The restriction's name as written (`check_sender_access`). */
  readonly name: string;
  /** Its table or zone argument, for the restrictions that take one. */
  readonly arg: string | undefined;
  readonly env: CheckEnv;
  /** Who decided, for the verdict: `smtpd_relay_restrictions: permit_mynetworks`. */
  readonly by: string;
  /** Whom a plain reject/defer names and how, by stage: `<bob@x>` and `Sender address`. */
  readonly stageReplyName: string;
  readonly stageCls: string;
  /** How deep in restriction classes (access-map results naming a list) this list is. */
  readonly depth: number;
  /** The evaluator, for access-map results that name a restriction class. */
  readonly evaluate: Evaluate;
}

/** A restriction's answer: a verdict ends the list; undefined is DUNNO, on to the next one. */
export type Restriction = (call: RestrictionCall) => Verdict | undefined;
