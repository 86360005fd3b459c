/** What tests type to turn on one of Debian's commented-out master.cf services, and SASL's base64. */

/** The lines a learner types on `ops` to uncomment `service` (submission: 587, submissions: 465) and reload. */
export function enableServiceLines(service: 'submission' | 'submissions'): string[] {
  return ['ssh mail', `sed -i '/^#${service} /,/^#  -o smtpd_recipient/ s/^#//' /etc/postfix/master.cf`, 'postfix reload'];
}

/** base64 of a string, as AUTH PLAIN and AUTH LOGIN want it. */
export const b64 = (s: string) => Buffer.from(s).toString('base64');
