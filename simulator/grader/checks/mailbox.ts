/**
 * Predicate: a local user's mailbox on the mail server holds a message
 * matching the given patterns. It reads the delivered mbox, never what the
 * learner typed, so any correct way of sending counts.
 */
import { z } from 'zod';
import { parseMbox } from '../../mail/mailbox.ts';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';

const params = z
  .object({
    user: z.string().regex(/^[a-z][a-z0-9._-]*$/).describe('Local user whose /var/mail file is read'),
    header: z.string().optional().describe('Regular expression (case-insensitive) a header line must match, e.g. `^Subject: .+`'),
    body: z.string().optional().describe('Regular expression (case-insensitive) the message text must match'),
    envelopeFrom: z.string().optional().describe('Regular expression the envelope sender must match'),
  })
  .strict();

function headers(raw: string): string[] {
  const end = raw.indexOf('\n\n');
  return (end < 0 ? raw : raw.slice(0, end)).split('\n');
}

export const mailboxCheck: CheckKind<z.infer<typeof params>> = {
  kind: 'mailbox',
  summary: "a local user's mailbox holds a matching message",
  probe: false,
  params,
  async run({ sim }, p) {
    const messages = parseMbox(sim.mailbox(p.user));
    if (messages.length === 0) return fail(t('grader.mailbox.empty', { user: p.user }));
    const fromRe = p.envelopeFrom ? new RegExp(p.envelopeFrom, 'i') : undefined;
    const headerRe = p.header ? new RegExp(p.header, 'im') : undefined;
    const bodyRe = p.body ? new RegExp(p.body, 'i') : undefined;
    const match = messages.find(
      (m) => (!fromRe || fromRe.test(m.envelopeFrom)) && (!headerRe || headers(m.raw).some((h) => headerRe.test(h))) && (!bodyRe || bodyRe.test(m.raw)),
    );
    if (match) return pass(t('grader.mailbox.found', { user: p.user, sender: match.envelopeFrom }));
    const wanted = [
      p.envelopeFrom && t('grader.mailbox.want-sender'),
      p.header && t('grader.mailbox.want-header', { pattern: p.header }),
      p.body && t('grader.mailbox.want-text', { pattern: p.body }),
    ].filter(Boolean).join(t('grader.list.separator'));
    return fail(t('grader.mailbox.no-match', { user: p.user, n: messages.length, wanted }));
  },
};
