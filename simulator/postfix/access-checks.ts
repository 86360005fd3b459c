/**
 * check_sender_access, check_recipient_access, check_client_access and
 * check_helo_access: look the session's address, client or HELO name up in an
 * access(5) table (access-map.ts) and turn the hit's action into a verdict,
 * as smtpd_check.c's check_access / check_table_result do.
 */
import { splitList } from './effective.ts';
import { lookupClientAccess, lookupHeloAccess, lookupMailAccess, parseAccessMap, type AccessHit, type AccessMap } from './access-map.ts';
import { rejectBy, type CheckEnv, type Restriction, type RestrictionCall, type Verdict } from './check-env.ts';

function getMap(env: CheckEnv, table: string): AccessMap | undefined {
  const maps = env.lookups.maps ?? {};
  const found = maps[table] ?? maps[table.replace(/^[a-z0-9_]+:/, '')];
  return typeof found === 'string' ? parseAccessMap(found) : found;
}

/** What the session offers each access check: the key to look up, and how a reject names it. */
function lookupFor(call: RestrictionCall, map: AccessMap): { hit: AccessHit | undefined; name: string; cls: string } {
  const { env } = call;
  const { config } = env;
  const parentStyle = config.list('parent_domain_matches_subdomains').includes('smtpd_access_maps');
  const nullKey = config.get('smtpd_null_access_lookup_key');
  const delim = config.get('recipient_delimiter');
  if (call.name === 'check_sender_access') {
    const key = env.sender === '' ? '' : env.senderResolved.recipient;
    return { name: env.sender, cls: 'Sender address', hit: lookupMailAccess(map, key, { parentStyle, nullKey, recipientDelimiter: delim }) };
  }
  if (call.name === 'check_recipient_access') {
    return { name: env.recipient, cls: 'Recipient address', hit: lookupMailAccess(map, env.rcpt.recipient, { parentStyle, nullKey, recipientDelimiter: delim }) };
  }
  if (call.name === 'check_client_access') {
    return { name: `${env.client.hostname}[${env.client.ip}]`, cls: 'Client host', hit: lookupClientAccess(map, env.client.ip, env.client.hostname, parentStyle) };
  }
  return { name: env.helo, cls: 'Helo command', hit: env.helo ? lookupHeloAccess(map, env.helo, parentStyle) : undefined };
}

function accessAction(hit: AccessHit, name: string, cls: string, by: string, call: RestrictionCall, routedRcpt: boolean): Verdict {
  const { env } = call;
  const v = hit.value.trim();
  const [word = '', ...restWords] = v.split(/\s+/);
  const text = restWords.join(' ');
  const upper = word.toUpperCase();
  if (upper === 'OK' || /^\d+$/.test(word)) return routedRcpt ? { kind: 'dunno' } : { kind: 'ok', by };
  if (upper === 'DUNNO' || v === '') return { kind: 'dunno' };
  if (upper === 'REJECT') return rejectBy(by, env.config.num('reject_code'), '5.7.1', `<${name}>: ${cls} rejected: ${text || 'Access denied'}`);
  if (upper === 'DEFER') return rejectBy(by, env.config.num('defer_code'), '4.7.1', `<${name}>: ${cls} rejected: ${text || 'Access denied'}`);
  const m = /^([45]\d\d)(?:\s+([45]\.\d{1,3}\.\d{1,3}))?\s*(.*)$/.exec(v);
  if (m) return rejectBy(by, Number(m[1]), m[2] ?? '5.7.1', `<${name}>: ${cls} rejected: ${m[3] || 'Access denied'}`);
  // Anything else is a restriction class / list, as access(5) allows.
  return call.evaluate(splitList(v), 'recipient', env, call.depth + 1, by);
}

/** The four check_*_access restrictions; which one is `call.name`. */
export const checkAccess: Restriction = (call) => {
  const { env, arg, by } = call;
  const map = getMap(env, arg!);
  if (!map) {
    const path = arg!.replace(/^[a-z0-9_]+:/, '');
    env.warnings.push(`${arg} is unavailable. open database ${path}.db: No such file or directory`);
    return rejectBy(by, 451, '4.3.5', 'Server configuration problem');
  }
  if (call.depth > 5) return undefined;
  const { hit, name, cls } = lookupFor(call, map);
  if (!hit) return undefined;
  // Postfix refuses to let an access-map OK vouch for a source-routed recipient.
  const suspicious = call.name === 'check_recipient_access' && env.rcpt.routed && !env.config.bool('allow_untrusted_routing');
  const v = accessAction(hit, name, cls, `${by} (${hit.key} ${hit.value})`.trim(), call, suspicious);
  return v.kind !== 'dunno' ? v : undefined;
};
