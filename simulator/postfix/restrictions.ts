/**
 * Evaluation of one smtpd_*_restrictions list, with Postfix's semantics:
 * the first restriction that returns OK ends this list (the next list still
 * runs), a reject/defer ends everything, DUNNO moves on. Reply texts and
 * codes follow smtpd_check.c.
 *
 * The restrictions themselves are in restriction-checks.ts (access maps in
 * access-checks.ts); what they see and answer is in check-env.ts.
 */
import { rejectBy, STAGE_PARAM, type CheckEnv, type Stage, type Verdict } from './check-env.ts';
import { RESTRICTIONS } from './restriction-checks.ts';

export { reply, STAGE_PARAM, type CheckEnv, type Lookups, type Stage, type Verdict } from './check-env.ts';
export { authDestination, unlistedRecipient } from './restriction-checks.ts';

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

function stageName(stage: Stage, env: CheckEnv): { name: string; cls: string } {
  if (stage === 'client') return { name: `${env.client.hostname}[${env.client.ip}]`, cls: 'Client host' };
  if (stage === 'helo') return { name: env.helo, cls: 'Helo command' };
  if (stage === 'sender') return { name: env.sender, cls: 'Sender address' };
  return { name: env.recipient, cls: 'Recipient address' };
}

/** Evaluate one restriction list. `stage` picks the reply wording for plain permit/reject/defer. */
export function evaluate(list: readonly string[], stage: Stage, env: CheckEnv, depth = 0, prefix = STAGE_PARAM[stage]): Verdict {
  const { name: stageReplyName, cls: stageCls } = stageName(stage, env);
  for (let i = 0; i < list.length; i++) {
    const name = list[i]!;
    const arg = WITH_ARG.has(name) ? list[++i] : undefined;
    const by = `${prefix}: ${name}${arg ? ' ' + arg : ''}`;
    if (WITH_ARG.has(name) && arg === undefined) {
      env.warnings.push(`restriction ${name} requires argument`);
      return rejectBy(by, 451, '4.3.5', 'Server configuration error');
    }
    const restriction = RESTRICTIONS.get(name);
    if (restriction) {
      const verdict = restriction({ name, arg, env, by, stageReplyName, stageCls, depth, evaluate });
      if (verdict) return verdict;
      continue;
    }
    if (NOT_MODELLED.has(name)) continue;
    env.warnings.push(`unknown smtpd restriction: "${name}"`);
    return rejectBy(by, 451, '4.3.5', 'Server configuration error');
  }
  return { kind: 'dunno' };
}
