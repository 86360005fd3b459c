/**
 * Evaluation of one smtpd_*_restrictions list, with Postfix's semantics:
 * the first restriction that returns OK ends this list (the next list still
 * runs), a reject/defer ends everything, DUNNO moves on. Reply texts and
 * codes follow smtpd_check.c.
 */
import type { EffectiveConfig } from './effective.ts';
import { splitList } from './effective.ts';
import { matchNet } from './cidr.ts';
import { lookupClientAccess, lookupHeloAccess, lookupMailAccess, parseAccessMap, type AccessHit, type AccessMap } from './access-map.ts';
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

/** Restrictions that take a table or zone argument. */
const WITH_ARG = new Set([
  'check_sender_access', 'check_recipient_access', 'check_client_access', 'check_helo_access',
  'reject_rbl_client', 'reject_rhsbl_client', 'reject_rhsbl_sender', 'reject_rhsbl_helo', 'check_policy_service',
]);

/** Known restrictions the lab does not model (no DNS, no policy servers): they answer DUNNO. */
const NOT_MODELLED = new Set([
  'reject_unauth_pipelining', 'permit_tls_clientcerts', 'permit_tls_all_clientcerts', 'reject_unknown_sender_domain',
  'reject_unknown_recipient_domain', 'reject_unknown_reverse_client_hostname', 'reject_unverified_recipient',
  'reject_unverified_sender', 'reject_rhsbl_client', 'reject_rhsbl_sender', 'reject_rhsbl_helo', 'check_policy_service',
  'defer_if_permit', 'defer_if_reject', 'warn_if_reject', 'reject_unlisted_sender', 'reject_multi_recipient_bounce',
  'reject_sender_login_mismatch', 'permit_mx_backup', 'sleep',
]);

/** A reply line; the enhanced code's class follows the reply code, as smtpd_check_reject() forces. */
export function reply(code: number, dsn: string, text: string): string {
  return `${code} ${String(code)[0]}${dsn.slice(1)} ${text}`;
}

function stageName(stage: Stage, env: CheckEnv): { name: string; cls: string } {
  if (stage === 'client') return { name: `${env.client.hostname}[${env.client.ip}]`, cls: 'Client host' };
  if (stage === 'helo') return { name: env.helo, cls: 'Helo command' };
  if (stage === 'sender') return { name: env.sender, cls: 'Sender address' };
  return { name: env.recipient, cls: 'Recipient address' };
}

/** permit_auth_destination(): final or relay_domains destination, without untrusted routing. */
export function authDestination(env: CheckEnv): boolean {
  const r = env.rcpt;
  if (!env.config.bool('allow_untrusted_routing') && r.routed) return false;
  return r.cls !== 'default';
}

function getMap(env: CheckEnv, table: string): AccessMap | undefined {
  const maps = env.lookups.maps ?? {};
  const found = maps[table] ?? maps[table.replace(/^[a-z0-9_]+:/, '')];
  return typeof found === 'string' ? parseAccessMap(found) : found;
}

function accessAction(hit: AccessHit, name: string, cls: string, by: string, env: CheckEnv, routedRcpt: boolean, depth: number): Verdict {
  const v = hit.value.trim();
  const [word = '', ...restWords] = v.split(/\s+/);
  const text = restWords.join(' ');
  const upper = word.toUpperCase();
  if (upper === 'OK' || /^\d+$/.test(word)) return routedRcpt ? { kind: 'dunno' } : { kind: 'ok', by };
  if (upper === 'DUNNO' || v === '') return { kind: 'dunno' };
  if (upper === 'REJECT') return { kind: 'reject', by, reply: reply(env.config.num('reject_code'), '5.7.1', `<${name}>: ${cls} rejected: ${text || 'Access denied'}`) };
  if (upper === 'DEFER') return { kind: 'reject', by, reply: reply(env.config.num('defer_code'), '4.7.1', `<${name}>: ${cls} rejected: ${text || 'Access denied'}`) };
  const m = /^([45]\d\d)(?:\s+([45]\.\d{1,3}\.\d{1,3}))?\s*(.*)$/.exec(v);
  if (m) return { kind: 'reject', by, reply: reply(Number(m[1]), m[2] ?? '5.7.1', `<${name}>: ${cls} rejected: ${m[3] || 'Access denied'}`) };
  // Anything else is a restriction class / list, as access(5) allows.
  return evaluate(splitList(v), 'recipient', env, depth + 1, by);
}

/** Evaluate one restriction list. `stage` picks the reply wording for plain permit/reject/defer. */
export function evaluate(list: readonly string[], stage: Stage, env: CheckEnv, depth = 0, prefix = STAGE_PARAM[stage]): Verdict {
  const { config } = env;
  const parentStyle = config.list('parent_domain_matches_subdomains').includes('smtpd_access_maps');
  const { name: stageReplyName, cls: stageCls } = stageName(stage, env);
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const arg = WITH_ARG.has(r) ? list[++i] : undefined;
    const by = `${prefix}: ${r}${arg ? ' ' + arg : ''}`;
    const reject = (code: number, dsn: string, text: string): Verdict => ({ kind: 'reject', by, reply: reply(code, dsn, text) });
    if (WITH_ARG.has(r) && arg === undefined) {
      env.warnings.push(`restriction ${r} requires argument`);
      return reject(451, '4.3.5', 'Server configuration error');
    }
    switch (r) {
      case 'permit':
        return { kind: 'ok', by };
      case 'reject':
        return reject(config.num('reject_code'), '5.7.1', `<${stageReplyName}>: ${stageCls} rejected: Access denied`);
      case 'defer':
        return reject(config.num('defer_code'), '4.7.1', `<${stageReplyName}>: ${stageCls} rejected: Try again later`);
      case 'permit_mynetworks':
        if (config.networks().some((p) => matchNet(p, env.client.ip, env.client.hostname))) return { kind: 'ok', by };
        break;
      case 'permit_sasl_authenticated':
        if (config.bool('smtpd_sasl_auth_enable') && env.saslUser) return { kind: 'ok', by };
        break;
      case 'permit_auth_destination':
        if (authDestination(env)) return { kind: 'ok', by };
        break;
      case 'reject_unauth_destination':
      case 'defer_unauth_destination':
      case 'check_relay_domains': {
        if (authDestination(env)) break;
        const code = config.num('relay_code') - (r === 'defer_unauth_destination' ? 100 : 0);
        return reject(code, '5.7.1', `<${env.recipient}>: Relay access denied`);
      }
      case 'reject_non_fqdn_sender':
      case 'reject_non_fqdn_recipient': {
        const isSender = r === 'reject_non_fqdn_sender';
        const addr = isSender ? env.sender : env.recipient;
        const domain = addr.slice(addr.lastIndexOf('@') + 1);
        if (addr !== '' && (!addr.includes('@') || (!domain.includes('.') && !domain.startsWith('['))))
          return reject(504, '5.5.2', `<${addr}>: ${isSender ? 'Sender' : 'Recipient'} address rejected: need fully-qualified address`);
        break;
      }
      case 'reject_non_fqdn_helo_hostname':
        if (env.helo && !env.helo.includes('.') && !env.helo.startsWith('['))
          return reject(504, '5.5.2', `<${env.helo}>: Helo command rejected: need fully-qualified hostname`);
        break;
      case 'reject_invalid_helo_hostname':
        if (env.helo && !/^(\[[0-9A-Fa-f:.IPv]+\]|[A-Za-z0-9_.-]+)$/.test(env.helo))
          return reject(501, '5.5.2', `<${env.helo}>: Helo command rejected: Invalid name`);
        break;
      case 'reject_unknown_client_hostname':
        if (env.client.hostname === 'unknown')
          return reject(450, '4.7.25', `Client host rejected: cannot find your hostname, [${env.client.ip}]`);
        break;
      case 'reject_unlisted_recipient': {
        const v = unlistedRecipient(env);
        if (v) return { kind: 'reject', by, reply: v };
        break;
      }
      case 'reject_rbl_client': {
        const [zone = ''] = arg!.split('=');
        if (env.lookups.dnsbl?.(zone, env.client.ip))
          return reject(554, '5.7.1', `Service unavailable; Client host [${env.client.ip}] blocked using ${zone}`);
        break;
      }
      case 'check_sender_access':
      case 'check_recipient_access':
      case 'check_client_access':
      case 'check_helo_access': {
        const map = getMap(env, arg!);
        if (!map) {
          const path = arg!.replace(/^[a-z0-9_]+:/, '');
          env.warnings.push(`${arg} is unavailable. open database ${path}.db: No such file or directory`);
          return reject(451, '4.3.5', 'Server configuration problem');
        }
        if (depth > 5) break;
        const nullKey = config.get('smtpd_null_access_lookup_key');
        const delim = config.get('recipient_delimiter');
        let hit: AccessHit | undefined;
        let name: string;
        let cls: string;
        if (r === 'check_sender_access') {
          name = env.sender;
          cls = 'Sender address';
          hit = lookupMailAccess(map, env.sender === '' ? '' : env.senderResolved.recipient, { parentStyle, nullKey, recipientDelimiter: delim });
        } else if (r === 'check_recipient_access') {
          name = env.recipient;
          cls = 'Recipient address';
          hit = lookupMailAccess(map, env.rcpt.recipient, { parentStyle, nullKey, recipientDelimiter: delim });
        } else if (r === 'check_client_access') {
          name = `${env.client.hostname}[${env.client.ip}]`;
          cls = 'Client host';
          hit = lookupClientAccess(map, env.client.ip, env.client.hostname, parentStyle);
        } else {
          name = env.helo;
          cls = 'Helo command';
          hit = env.helo ? lookupHeloAccess(map, env.helo, parentStyle) : undefined;
        }
        if (!hit) break;
        // Postfix refuses to let an access-map OK vouch for a source-routed recipient.
        const suspicious = r === 'check_recipient_access' && env.rcpt.routed && !config.bool('allow_untrusted_routing');
        const v = accessAction(hit, name, cls, `${by} (${hit.key} ${hit.value})`.trim(), env, suspicious, depth);
        if (v.kind !== 'dunno') return v;
        break;
      }
      default:
        if (NOT_MODELLED.has(r)) break;
        env.warnings.push(`unknown smtpd restriction: "${r}"`);
        return reject(451, '4.3.5', 'Server configuration error');
    }
  }
  return { kind: 'dunno' };
}

/** reject_unlisted_recipient for local domains: only when the caller supplied the user list. */
/** Lower-cased local_recipient_maps per lookup list: the list is rebuilt (not edited) on reload, and every local RCPT asks. */
const userSets = new WeakMap<object, { size: number; users: ReadonlySet<string> }>();
function localUserSet(list: Iterable<string>): ReadonlySet<string> {
  const size = Array.isArray(list) ? list.length : -1;
  const hit = size >= 0 ? userSets.get(list) : undefined;
  if (hit && hit.size === size) return hit.users;
  const users = new Set([...list].map((u) => u.toLowerCase()));
  if (size >= 0) userSets.set(list, { size, users });
  return users;
}

export function unlistedRecipient(env: CheckEnv): string | undefined {
  if (env.rcpt.cls !== 'local' || env.lookups.localUsers === undefined) return undefined;
  const users = localUserSet(env.lookups.localUsers);
  let local = env.rcpt.recipient.slice(0, env.rcpt.recipient.lastIndexOf('@')).toLowerCase();
  const delim = env.config.get('recipient_delimiter');
  if (delim && local.includes(delim)) local = local.slice(0, local.indexOf(delim));
  if (users.has(local)) return undefined;
  return reply(550, '5.1.1', `<${env.recipient}>: Recipient address rejected: User unknown in local recipient table`);
}
