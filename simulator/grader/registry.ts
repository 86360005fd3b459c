/**
 * Every check kind a lab may name, in one table: the schema, the validator,
 * `relaylab labs show` and the grader all derive from it. Add a kind here to
 * make it exist.
 */
import type { CheckKind } from './types.ts';
import { relayBatteryCheck } from './checks/relay-battery.ts';
import { mailInboundCheck, mailOutboundCheck, submissionCheck } from './checks/mail-flow.ts';
import { firewallEffectCheck } from './checks/firewall-effect.ts';
import { mailboxCheck } from './checks/mailbox.ts';
import { counterCheck, dnsblCheck, processCheck } from './checks/state.ts';
import { answerCheck } from './checks/answer.ts';
import { mailExtraChecks } from './checks/mail-state.ts';
import { worldChecks } from './checks/world-state.ts';

export const CHECK_KINDS: readonly CheckKind[] = [
  relayBatteryCheck,
  mailInboundCheck,
  mailOutboundCheck,
  submissionCheck,
  firewallEffectCheck,
  mailboxCheck,
  processCheck,
  dnsblCheck,
  counterCheck,
  answerCheck,
  ...mailExtraChecks,
  ...worldChecks,
];

export function findCheckKind(kind: string): CheckKind | undefined {
  return CHECK_KINDS.find((k) => k.kind === kind);
}
