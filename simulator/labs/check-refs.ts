/**
 * A check's parameters against what exists in the lab's network: a check
 * that names a misspelt Postfix parameter, a user without a mailbox, a host
 * not in the topology or a regular expression that does not compile would
 * validate, and then pass for the wrong reason or never pass at all.
 *
 * Which parameters are regular expressions is read from each kind's own
 * schema: a parameter whose description starts with "Regular expression" is
 * compiled here, so a new check kind that follows the convention is covered
 * without touching this file. Mailbox, SMTP AUTH and recipient users,
 * Postfix parameters and smtpd services are named in REFERS_TO below (the
 * grader's CheckRefs names hosts only; moving these there would let a new
 * kind declare them itself).
 */
import { z } from 'zod';
import type { CheckKind } from '../grader/types.ts';
import { didYouMean, knownPostfixParameters, type LabWorld } from './lab-world.ts';
import { t } from '../i18n/t.ts';

export type FieldError = { field: string; message: string };

/** Check parameters that name something other than a host, by kind. */
type Refers = { address?: string[]; mailboxUser?: string[]; postfixParameter?: string[]; smtpdService?: string[]; saslUser?: string[]; localRecipient?: string[] };
const REFERS_TO: Record<string, Refers> = {
  mailbox: { mailboxUser: ['user'] },
  answer: { mailboxUser: ['user'] },
  config: { postfixParameter: ['parameter'], smtpdService: ['service'] },
  submission: { saslUser: ['auth.user'] },
  dnsbl: { address: ['address'] },
  // Only where the mail must be accepted: a lab may well test that an unknown user is refused.
  'mail-inbound': { localRecipient: ['rcptTo'] },
};

const REGEX_DESCRIPTION = /^regular expression/i;

function objectShape(t: z.ZodTypeAny): Record<string, z.ZodTypeAny> {
  if (t instanceof z.ZodEffects) return objectShape(t.innerType());
  if (t instanceof z.ZodObject) return t.shape as Record<string, z.ZodTypeAny>;
  return {};
}

/** Names of a kind's parameters that hold regular expressions (by their description). */
export function regexParameters(kind: CheckKind): string[] {
  return Object.entries(objectShape(kind.params as z.ZodTypeAny))
    .filter(([, t]) => REGEX_DESCRIPTION.test(t.description ?? ''))
    .map(([name]) => name);
}

/** One parameter (`auth.user` reaches into an object) as (field, string) pairs: `parameter` or `parameter[1]` for lists. */
function values(params: Record<string, unknown>, name: string): Array<[string, string]> {
  const v = name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), params);
  if (typeof v === 'string') return [[name, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => (typeof x === 'string' ? [[`${name}[${i}]`, x] as [string, string]] : []));
  return [];
}

/** The field a host name came from, so the error points at `from` rather than the whole check. */
function hostField(raw: Record<string, unknown>, host: string): string | undefined {
  for (const key of Object.keys(raw)) {
    for (const [field, v] of values(raw, key)) if (v === host) return field;
  }
  return undefined;
}

export function checkReferences(kind: CheckKind, raw: Record<string, unknown>, parsed: unknown, world: LabWorld): FieldError[] {
  const out: FieldError[] = [];
  const params = (parsed ?? {}) as Record<string, unknown>;
  const say = (field: string | undefined, message: string) => out.push({ field: field ?? '', message });

  for (const h of kind.refs?.(parsed).hosts ?? []) {
    if (!world.isHostRef(h)) {
      const ws = /^ws\d+$/.test(h) ? t('labs.ref.workstations', { count: world.workstationCount, last: String(world.workstationCount).padStart(2, '0') }) : '';
      say(hostField(raw, h), t('labs.ref.unknown-host', { host: h, hint: ws ? '' : didYouMean(h, world.hostNames), workstations: ws }));
    }
  }

  for (const name of regexParameters(kind)) {
    for (const [field, source] of values(params, name)) {
      try {
        new RegExp(source);
      } catch (err) {
        const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
        say(field, t('labs.ref.bad-regex', { source, why }));
      }
    }
  }

  const refs = REFERS_TO[kind.kind] ?? {};
  for (const name of refs.postfixParameter ?? []) {
    for (const [field, p] of values(params, name)) {
      if (!knownPostfixParameters().includes(p)) {
        say(field, t('labs.ref.unknown-parameter', { parameter: p, suggestion: didYouMean(p, knownPostfixParameters()) }));
      }
    }
  }
  for (const name of refs.smtpdService ?? []) {
    for (const [field, s] of values(params, name)) {
      if (!world.smtpdServices.includes(s)) say(field, t('labs.ref.unknown-service', { service: s, known: world.smtpdServices.join(', ') }));
    }
  }
  for (const name of refs.mailboxUser ?? []) {
    for (const [field, u] of values(params, name)) {
      if (world.mailboxUsers.has(u)) continue;
      const target = world.aliasTarget(u);
      if (target) say(field, t('labs.ref.alias', { user: u, target }));
      else {
        say(field, t('labs.ref.no-mailbox', { user: u, suggestion: didYouMean(u, world.mailboxUsers) }));
      }
    }
  }
  for (const name of refs.address ?? []) {
    for (const [field, ip] of values(params, name)) {
      if (!world.hostByIp(ip)) say(field, t('labs.ref.unknown-address', { ip }));
    }
  }
  for (const name of refs.saslUser ?? []) {
    for (const [field, u] of values(params, name)) {
      if (!world.saslUsers.has(u)) say(field, t('labs.ref.no-sasl-account', { user: u, suggestion: didYouMean(u, world.saslUsers) }));
    }
  }
  if (params.expect === undefined || params.expect === 'accepted') {
    for (const name of refs.localRecipient ?? []) {
      for (const [field, address] of values(params, name)) {
        const local = address.slice(0, address.lastIndexOf('@'));
        if (address.includes('@') && world.isLocalAddress(address) && !world.isLocalRecipient(local)) {
          say(field, t('labs.ref.unknown-recipient', { local, address }));
        }
      }
    }
  }
  return out;
}
