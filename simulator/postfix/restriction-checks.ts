/**
 * The restrictions this lab models, one function each, by name: permit/reject/defer,
 * the client and relay tests, address and HELO syntax, DNSBL, local recipients and
 * (from access-checks.ts) the access maps. Replies follow smtpd_check.c.
 */
import { checkAccess } from './access-checks.ts';
import { rejectBy, reply, type CheckEnv, type Restriction } from './check-env.ts';

/** permit_auth_destination(): final or relay_domains destination, without untrusted routing. */
export function authDestination(env: CheckEnv): boolean {
  const r = env.rcpt;
  if (!env.config.bool('allow_untrusted_routing') && r.routed) return false;
  return r.cls !== 'default';
}

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

/** reject_unlisted_recipient for local domains: only when the caller supplied the user list. */
export function unlistedRecipient(env: CheckEnv): string | undefined {
  if (env.rcpt.cls !== 'local' || env.lookups.localUsers === undefined) return undefined;
  const users = localUserSet(env.lookups.localUsers);
  let local = env.rcpt.recipient.slice(0, env.rcpt.recipient.lastIndexOf('@')).toLowerCase();
  const delim = env.config.get('recipient_delimiter');
  if (delim && local.includes(delim)) local = local.slice(0, local.indexOf(delim));
  if (users.has(local)) return undefined;
  return reply(550, '5.1.1', `<${env.recipient}>: Recipient address rejected: User unknown in local recipient table`);
}

const unauthDestination: Restriction = ({ name, env, by }) => {
  if (authDestination(env)) return undefined;
  const code = env.config.num('relay_code') - (name === 'defer_unauth_destination' ? 100 : 0);
  return rejectBy(by, code, '5.7.1', `<${env.recipient}>: Relay access denied`);
};

const nonFqdnAddress: Restriction = ({ name, env, by }) => {
  const isSender = name === 'reject_non_fqdn_sender';
  const addr = isSender ? env.sender : env.recipient;
  const domain = addr.slice(addr.lastIndexOf('@') + 1);
  if (addr !== '' && (!addr.includes('@') || (!domain.includes('.') && !domain.startsWith('['))))
    return rejectBy(by, 504, '5.5.2', `<${addr}>: ${isSender ? 'Sender' : 'Recipient'} address rejected: need fully-qualified address`);
  return undefined;
};

/** Looked up by name; a Map so that names like `constructor` are simply unknown. */
export const RESTRICTIONS: ReadonlyMap<string, Restriction> = new Map(Object.entries({
  permit: ({ by }) => ({ kind: 'ok', by }),
  reject: ({ env, by, stageReplyName, stageCls }) =>
    rejectBy(by, env.config.num('reject_code'), '5.7.1', `<${stageReplyName}>: ${stageCls} rejected: Access denied`),
  defer: ({ env, by, stageReplyName, stageCls }) =>
    rejectBy(by, env.config.num('defer_code'), '4.7.1', `<${stageReplyName}>: ${stageCls} rejected: Try again later`),
  permit_mynetworks: ({ env, by, stageReplyName }) => {
    const m = env.config.mynetworksMatch(env.client.ip, env.client.hostname);
    if (typeof m === 'string') {
      env.warnings.push(`mynetworks: ${m}`);
      return rejectBy(by, 451, '4.3.0', `<${stageReplyName}>: Temporary lookup failure`);
    }
    return m ? { kind: 'ok', by } : undefined;
  },
  permit_sasl_authenticated: ({ env, by }) =>
    env.config.bool('smtpd_sasl_auth_enable') && env.saslUser ? { kind: 'ok', by } : undefined,
  permit_auth_destination: ({ env, by }) => (authDestination(env) ? { kind: 'ok', by } : undefined),
  reject_unauth_destination: unauthDestination,
  defer_unauth_destination: unauthDestination,
  check_relay_domains: unauthDestination,
  reject_non_fqdn_sender: nonFqdnAddress,
  reject_non_fqdn_recipient: nonFqdnAddress,
  reject_non_fqdn_helo_hostname: ({ env, by }) =>
    env.helo && !env.helo.includes('.') && !env.helo.startsWith('[')
      ? rejectBy(by, 504, '5.5.2', `<${env.helo}>: Helo command rejected: need fully-qualified hostname`)
      : undefined,
  reject_invalid_helo_hostname: ({ env, by }) =>
    env.helo && !/^(\[[0-9A-Fa-f:.IPv]+\]|[A-Za-z0-9_.-]+)$/.test(env.helo)
      ? rejectBy(by, 501, '5.5.2', `<${env.helo}>: Helo command rejected: Invalid name`)
      : undefined,
  reject_unknown_client_hostname: ({ env, by }) =>
    env.client.hostname === 'unknown'
      ? rejectBy(by, 450, '4.7.25', `Client host rejected: cannot find your hostname, [${env.client.ip}]`)
      : undefined,
  reject_unlisted_recipient: ({ env, by }) => {
    const v = unlistedRecipient(env);
    return v ? { kind: 'reject', by, reply: v } : undefined;
  },
  reject_rbl_client: ({ env, arg, by }) => {
    const [zone = ''] = arg!.split('=');
    return env.lookups.dnsbl?.(zone, env.client.ip)
      ? rejectBy(by, 554, '5.7.1', `Service unavailable; Client host [${env.client.ip}] blocked using ${zone}`)
      : undefined;
  },
  check_sender_access: checkAccess,
  check_recipient_access: checkAccess,
  check_client_access: checkAccess,
  check_helo_access: checkAccess,
} satisfies Record<string, Restriction>));
