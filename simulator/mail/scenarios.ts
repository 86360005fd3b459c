/**
 * The mail server's starting configurations, as main.cf texts a learner will
 * read and edit. `open` is the company of the source post (mynetworks =
 * 0.0.0.0/0); `closed` is the documented fix; `half-closed` trusts the
 * company's own sender domain, which the obvious manual test calls closed and
 * the relay battery finds open (fidelity.md, measured table).
 */
import { DEFAULT_MASTER_CF } from '../postfix/index.ts';

export type MailScenario = 'open' | 'closed' | 'half-closed';
export const MAIL_SCENARIOS: readonly MailScenario[] = ['open', 'closed', 'half-closed'];

const BASE = `# See /usr/share/postfix/main.cf.dist for a commented, more complete version

smtpd_banner = $myhostname ESMTP $mail_name
biff = no
append_dot_mydomain = no
compatibility_level = 3.6

myhostname = mail.corp.example
mydomain = corp.example
myorigin = $mydomain
mydestination = $myhostname, localhost.$mydomain, localhost, $mydomain
alias_maps = hash:/etc/aliases
alias_database = hash:/etc/aliases
relayhost =
mailbox_size_limit = 0
recipient_delimiter = +
inet_interfaces = all
inet_protocols = ipv4
`;

const CLOSED_NETS = 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24\n';

export const SCENARIO_MAIN_CF: Record<MailScenario, string> = {
  open: BASE + '# 2019: opened up so the sales laptops could send from hotels -- TODO tighten\nmynetworks = 0.0.0.0/0\n',
  closed: BASE + CLOSED_NETS + 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n',
  'half-closed':
    BASE + CLOSED_NETS +
    '# let our own people send from anywhere\nsmtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated,\n    check_sender_access hash:/etc/postfix/sender_access,\n    reject_unauth_destination\n',
};

/** Debian ships the submission service commented out; lesson 6 enables it. */
export const SCENARIO_MASTER_CF =
  DEFAULT_MASTER_CF +
  `#submission inet n       -       y       -       -       smtpd
#  -o syslog_name=postfix/submission
#  -o smtpd_tls_security_level=encrypt
#  -o smtpd_sasl_auth_enable=yes
#  -o smtpd_tls_auth_only=yes
#  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
`;

/** The submission block of fidelity.md, enabled (for tests and lab solutions). */
export const SUBMISSION_SERVICE = `submission inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
`;

export const SENDER_ACCESS = '# trust our own sender domain\ncorp.example OK\n';

export const ALIASES = `# See man 5 aliases for format
postmaster: root
abuse: root
hostmaster: root
webmaster: root
mailer-daemon: postmaster
root: admin
`;
