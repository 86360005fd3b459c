/** Predicates on the mail server's running state (config in effect, queue). Filled in as the MailServer API lands. */
import type { CheckKind } from '../types.ts';

export const mailExtraChecks: CheckKind[] = [];
