/**
 * The mail server's starting configurations, as main.cf texts a learner will
 * read and edit. `open` is the company of the source post (mynetworks =
 * 0.0.0.0/0); `closed` is the documented fix; `half-closed` trusts some
 * senders from anywhere (check_sender_access), which the obvious manual test
 * calls closed and the relay battery finds open (fidelity.md, measured table).
 * Which senders it trusts — the leak — is one of HALF_CLOSED_LEAKS, chosen by
 * a lab's seed, so one class's answer key does not fit another seed.
 */
import { DEFAULT_MASTER_CF } from '../postfix/index.ts';
import { SeededRandom } from '../core/rng.ts';

export type MailScenario = 'open' | 'closed' | 'half-closed' | 'relay-domains-leak';
export const MAIL_SCENARIOS: readonly MailScenario[] = ['open', 'closed', 'half-closed', 'relay-domains-leak'];

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
    '# some senders may relay from anywhere: see /etc/postfix/sender_access\nsmtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated,\n    check_sender_access hash:/etc/postfix/sender_access,\n    reject_unauth_destination\n',
  // The closed server with relay_domains naming outside domains: the relay rules are right, the
  // destinations they let through are not (the differential case relay-domains-broad, 16/16 on Postfix 3.7).
  'relay-domains-leak':
    BASE + CLOSED_NETS +
    'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n' +
    '# backup MX for the partners, plus the domains the 2020 audit asked us to "allow"\nrelay_domains = $mydestination, example.net, nmap.scanme.org\n',
};

/** The submission block of fidelity.md (port 587: STARTTLS, then SMTP AUTH). */
export const SUBMISSION_SERVICE = `submission inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
`;

/**
 * Debian's submissions block (port 465, TLS from the first byte: smtpd_tls_wrappermode), as
 * Postfix 3.7's master.cf has it below submission: no STARTTLS and no smtpd_tls_auth_only (the
 * session is encrypted from the start), the same recipient restrictions as submission.
 */
export const SUBMISSIONS_SERVICE = `submissions     inet  n       -       y       -       -       smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
`;

/** A master.cf block as Debian ships it: every line commented out. */
export function commentedOut(block: string): string {
  return block.replace(/^(?=.)/gm, '#');
}

/** Debian ships submission and submissions commented out; lesson 6 enables submission. */
export const SCENARIO_MASTER_CF = DEFAULT_MASTER_CF + commentedOut(SUBMISSION_SERVICE) + commentedOut(SUBMISSIONS_SERVICE);

/** master.cf of a server set up after lesson 6: submission enabled, submissions still commented out. */
export const SUBMISSION_MASTER_CF = DEFAULT_MASTER_CF + SUBMISSION_SERVICE + commentedOut(SUBMISSIONS_SERVICE);

const HOTELS = '# our people send from home and hotels with their own address: trust it\ncorp.example OK\n';

/**
 * The half-closed server's sender_access, one realistic reason each. `battery`
 * is what nmap's 16 forms get from outside (test numbers, fidelity.md order):
 * the answer key of the open-relay-test lab, which tests/unit/labs replays
 * over the wire for every leak. `forged` is a sender that relays from outside.
 * (mail.corp.example is published as 203.0.113.25: the battery's `[IP]`.)
 */
export const HALF_CLOSED_LEAKS = {
  /** fidelity.md's measured row: `corp.example OK` also covers antispam@mail.corp.example. */
  'company-domain': { senderAccess: HOTELS, battery: [3], forged: 'ceo@corp.example' },
  'server-name': { senderAccess: '# cron and logwatch mail from the server itself (root@mail.corp.example)\nmail.corp.example OK\n', battery: [3], forged: 'root@mail.corp.example' },
  bounces: { senderAccess: '# bounces must always get through\n<> OK\n' + HOTELS, battery: [1, 3], forged: '' },
  'address-literal': { senderAccess: '# the web shop sends its order mails as shop@[203.0.113.25]\n[203.0.113.25] OK\n', battery: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], forged: 'shop@[203.0.113.25]' },
} as const satisfies Record<string, { senderAccess: string; battery: readonly number[]; forged: string }>;

export type HalfClosedLeak = keyof typeof HALF_CLOSED_LEAKS;
export const HALF_CLOSED_LEAK_NAMES = Object.keys(HALF_CLOSED_LEAKS) as HalfClosedLeak[];

/** The leak a seed chooses, from a stream of its own (the same seed always leaks the same way). */
export function halfClosedLeak(seed: number): HalfClosedLeak {
  return new SeededRandom((seed ^ 0x5e4dac) >>> 0).pick(HALF_CLOSED_LEAK_NAMES);
}

/** /etc/postfix/sender_access of the half-closed server (default: the measured `corp.example OK`). */
export function senderAccessText(leak: HalfClosedLeak = 'company-domain'): string {
  return HALF_CLOSED_LEAKS[leak].senderAccess;
}

/** The battery's accepted tests from outside for a starting configuration (the answer key's source). */
export function batteryFromOutside(scenario: MailScenario, leak?: HalfClosedLeak): readonly number[] {
  if (scenario === 'open') return Array.from({ length: 16 }, (_, i) => i + 1);
  if (scenario === 'closed') return [];
  if (scenario === 'relay-domains-leak') return Array.from({ length: 16 }, (_, i) => i + 1);
  return HALF_CLOSED_LEAKS[leak ?? 'company-domain'].battery;
}

export const ALIASES = `# See man 5 aliases for format
postmaster: root
abuse: root
hostmaster: root
webmaster: root
mailer-daemon: postmaster
root: admin
`;
