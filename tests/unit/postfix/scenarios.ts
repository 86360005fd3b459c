/** The three scenario servers from fidelity.md, plus the measured variants. */
import { loadConfig, type EffectiveConfig } from '../../../simulator/postfix/index.ts';

export const SYSTEM = { hostname: 'mail.corp.example', localAddresses: ['203.0.113.25', '10.0.0.25'] };
export const SERVER_IP = '203.0.113.25';
export const OUTSIDE = '203.0.113.77';
export const LAN = '10.0.0.117';

const BASE = `# corp.example mail server
myhostname = mail.corp.example
mydomain = corp.example
mydestination = $myhostname, localhost.$mydomain, localhost, $mydomain
`;
const CLOSED_NETS = 'mynetworks = 127.0.0.0/8 [::1]/128 10.0.0.0/24\n';

export const MAIN_CF = {
  open: BASE + 'mynetworks = 0.0.0.0/0\n',
  closed: BASE + CLOSED_NETS + 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n',
  halfClosed:
    BASE + CLOSED_NETS +
    'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated,\n    check_sender_access hash:/etc/postfix/sender_access,\n    reject_unauth_destination\n',
  /** Postfix's default relay rule: defer_unauth_destination. */
  defaultDefer: BASE + CLOSED_NETS,
  /** Alternative fix: the relay rule lives in smtpd_recipient_restrictions. */
  recipientFix:
    BASE + CLOSED_NETS + 'smtpd_relay_restrictions =\nsmtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n',
  /** Neither list holds a relay rule: smtpd refuses to start. */
  noRelayRule: BASE + 'mynetworks = 0.0.0.0/0\nsmtpd_relay_restrictions =\nsmtpd_recipient_restrictions = permit_mynetworks\n',
  /** As measured: mydestination without $myhostname, relay_domains holding the test domain. */
  relayDomainsMeasured:
    'myhostname = mail.corp.example\nmydestination = corp.example, localhost\n' + CLOSED_NETS +
    'relay_domains = nmap.scanme.org\nsmtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n',
  /** Same relay_domains mistake on the scenario server, whose mydestination includes $myhostname. */
  relayDomainsScenario: BASE + CLOSED_NETS + 'relay_domains = nmap.scanme.org\nsmtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n',
};

export const SENDER_ACCESS = '# trust our own sender domain (the mistake)\ncorp.example OK\n';

export function config(name: keyof typeof MAIN_CF): EffectiveConfig {
  const r = loadConfig({ mainCf: MAIN_CF[name], system: SYSTEM });
  if (r.errors.length || r.warnings.length) throw new Error(`scenario ${name}: ${JSON.stringify([...r.errors, ...r.warnings])}`);
  return r.config;
}
