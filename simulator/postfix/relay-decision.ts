/**
 * THE relay decision: what Postfix smtpd answers to one RCPT TO. The wire
 * server, the bulk traffic model and the grader all call decideRecipient(),
 * so they cannot disagree. With smtpd_delay_reject = yes (the default) the
 * client, HELO and sender restrictions are evaluated here, at RCPT time,
 * before smtpd_relay_restrictions and smtpd_recipient_restrictions.
 */
import type { EffectiveConfig } from './effective.ts';
import { parsePath, BAD_RECIPIENT, BAD_SENDER } from './address.ts';
import { resolveAddress, resolveContext, type Resolved } from './resolve.ts';
import { evaluate, reply, unlistedRecipient, STAGE_PARAM, type CheckEnv, type Lookups, type Stage } from './restrictions.ts';

export type { Lookups } from './restrictions.ts';

export interface RecipientInput {
  readonly config: EffectiveConfig;
  /** master.cf service name (informational; the config already carries its -o overrides). */
  readonly service?: string;
  readonly client: { readonly ip: string; readonly hostname?: string };
  readonly helo?: string;
  /** MAIL FROM argument as sent (`<a@b>`, `a@b`, `<>`) or an already-internal address. */
  readonly sender: string;
  /** RCPT TO argument as sent. */
  readonly recipient: string;
  readonly sasl?: { readonly username?: string; readonly method?: string };
  readonly tls?: boolean;
  /** The client asked for SMTPUTF8 on MAIL FROM (allows non-ASCII domains). */
  readonly smtputf8?: boolean;
  readonly lookups?: Lookups;
}

export interface Decision {
  readonly action: 'permit' | 'reject' | 'defer';
  readonly code: number;
  /** RFC 3463 code, e.g. `5.7.1`. */
  readonly enhanced: string;
  /** Exact reply line, e.g. `554 5.7.1 <v@example.net>: Relay access denied`. */
  readonly text: string;
  /** Reply text for the `NOQUEUE: reject:` log line; undefined when Postfix logs no reject line (syntax errors, accept). */
  readonly logReason?: string;
  /** Which restriction decided, e.g. `smtpd_relay_restrictions: reject_unauth_destination`. */
  readonly decidedBy: string;
  /** Accepted for a destination this server does not deliver itself. */
  readonly relayed: boolean;
  /** Accepted (or refused) for local delivery. */
  readonly local: boolean;
  /** Internal forms, as Postfix logs them (`from=<...> to=<...>`). */
  readonly sender: string;
  readonly recipient: string;
  /** Daemon warnings to log, without the `warning: ` prefix. */
  readonly warnings: string[];
}

const STAGES: Stage[] = ['client', 'helo', 'sender', 'relay', 'recipient'];

function make(code: number, text: string, extra: Omit<Decision, 'action' | 'code' | 'enhanced' | 'text'>): Decision {
  const enhanced = /^\d{3} (\d\.\d{1,3}\.\d{1,3})/.exec(text)?.[1] ?? '';
  const action = code < 400 ? 'permit' : code < 500 ? 'defer' : 'reject';
  return { action, code, enhanced, text, ...extra };
}

export function decideRecipient(input: RecipientInput): Decision {
  const { config } = input;
  const smtputf8 = config.bool('smtputf8_enable');
  const warnings: string[] = [];
  const base = { relayed: false, local: false, sender: '', recipient: '', warnings };
  const rp = parsePath(input.recipient, 'recipient', { smtputf8 });
  if (!rp.ok) return make(Number(rp.reply.slice(0, 3)), rp.reply, { ...base, decidedBy: 'address syntax' });
  const sp = parsePath(input.sender, 'sender', { smtputf8 });
  if (!sp.ok) return make(501, BAD_SENDER, { ...base, recipient: rp.address, decidedBy: 'address syntax' });
  const ctx = resolveContext(config);
  const rcpt = resolveAddress(rp.address, ctx);
  const sender = sp.address;
  const recipient = rp.address;
  const ids = { ...base, sender, recipient };
  // smtpd_check_addr(): bad domain syntax, or a non-ASCII domain without SMTPUTF8.
  if (rcpt.error || (!input.smtputf8 && /[^\x00-\x7f]/.test(rcpt.domain))) {
    return make(501, BAD_RECIPIENT, { ...ids, decidedBy: 'address syntax' });
  }
  const senderResolved: Resolved = sender === '' ? { recipient: '', domain: '', cls: 'local', routed: false, error: false } : resolveAddress(sender, ctx);
  const env: CheckEnv = {
    config,
    client: { ip: input.client.ip, hostname: input.client.hostname || 'unknown' },
    helo: input.helo ?? '',
    sender,
    senderResolved,
    recipient,
    rcpt,
    saslUser: input.sasl?.username,
    tls: input.tls ?? false,
    lookups: input.lookups ?? {},
    warnings,
  };
  const local = rcpt.cls === 'local' || rcpt.cls === 'alias' || rcpt.cls === 'virtual';
  let permittedBy = '';
  for (const stage of STAGES) {
    const v = evaluate(config.list(STAGE_PARAM[stage]), stage, env);
    if (v.kind === 'reject') {
      return make(Number(v.reply.slice(0, 3)), v.reply, { ...ids, local, logReason: v.reply, decidedBy: v.by });
    }
    if (v.kind === 'ok' && (stage === 'relay' || stage === 'recipient' || !permittedBy)) permittedBy = v.by;
  }
  if (config.bool('smtpd_reject_unlisted_recipient')) {
    const unknown = unlistedRecipient(env);
    if (unknown) return make(550, unknown, { ...ids, local, logReason: unknown, decidedBy: 'smtpd_reject_unlisted_recipient' });
  }
  return make(250, '250 2.1.5 Ok', {
    ...ids,
    local,
    relayed: !local,
    decidedBy: permittedBy || 'no restriction matched (implicit permit)',
  });
}

export interface MailFromInput {
  readonly config: EffectiveConfig;
  readonly sender: string;
  readonly tls?: boolean;
}

/** MAIL FROM stage: syntax, SIZE=, unsupported parameters, TLS required. Restrictions wait for RCPT. */
export function checkMailFrom(input: MailFromInput): { ok: boolean; text: string; sender: string } {
  const { config } = input;
  if (config.get('smtpd_tls_security_level') === 'encrypt' && !input.tls) {
    return { ok: false, text: '530 5.7.0 Must issue a STARTTLS command first', sender: '' };
  }
  const sp = parsePath(input.sender, 'sender', { smtputf8: config.bool('smtputf8_enable') });
  if (!sp.ok) return { ok: false, text: sp.reply, sender: '' };
  for (const p of sp.params) {
    const [k = '', v = ''] = p.split('=');
    const key = k.toUpperCase();
    if (key === 'SIZE') {
      const limit = config.num('message_size_limit');
      if (!/^\d+$/.test(v)) return { ok: false, text: '501 5.5.4 Bad message size syntax', sender: sp.address };
      if (limit > 0 && Number(v) > limit) return { ok: false, text: '552 5.3.4 Message size exceeds fixed limit', sender: sp.address };
    } else if (!['BODY', 'SMTPUTF8', 'RET', 'ENVID', 'AUTH'].includes(key)) {
      return { ok: false, text: `555 5.5.4 Unsupported option: ${p}`, sender: sp.address };
    }
  }
  return { ok: true, text: '250 2.1.0 Ok', sender: sp.address };
}

/** Restrictions whose presence lets smtpd start (smtpd_check_init's "working instance" test). */
export const RELAY_GUARDS = ['reject_unauth_destination', 'defer_unauth_destination', 'reject', 'defer', 'defer_if_permit', 'check_relay_domains'];

export const NO_RELAY_RULE_FATAL =
  'in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains';

/** Restrictions after which nothing in the same list is ever evaluated. */
const FINAL = ['permit', 'reject', 'defer'];

/**
 * Can smtpd run with this config? When not, real Postfix logs
 * `postfix/smtpd[pid]: fatal: <message>` (after `warnings`) and master throttles;
 * clients get no greeting. smtpd_check_init ignores what follows `permit`, `reject` or
 * `defer` in a list (warning once, naming the next restriction), so a
 * reject_unauth_destination after a bare `permit` does not count: mail stops.
 */
export function checkServiceStartable(config: EffectiveConfig): { ok: true; warnings: string[] } | { ok: false; message: string; warnings: string[] } {
  const warnings: string[] = [];
  const has = (param: string) => {
    const list = config.list(param);
    const end = list.findIndex((r) => FINAL.includes(r));
    if (end >= 0 && end < list.length - 1) warnings.push(`restriction \`${list[end + 1]}' after \`${list[end]}' is ignored`);
    return list.slice(0, end < 0 ? undefined : end + 1).some((r) => RELAY_GUARDS.includes(r));
  };
  const relay = has('smtpd_relay_restrictions');
  const recipient = has('smtpd_recipient_restrictions');
  if (relay || recipient) return { ok: true, warnings };
  return { ok: false, message: NO_RELAY_RULE_FATAL, warnings };
}

/** The master(8) line that follows the fatal error. */
export const MASTER_THROTTLE_WARNING = 'warning: /usr/lib/postfix/sbin/smtpd: bad command startup -- throttling';

export { reply };
