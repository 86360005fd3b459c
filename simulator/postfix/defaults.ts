/**
 * Postfix 3.7 parameter defaults (`postconf -d`) for the parameters the lab
 * models, with the values Postfix uses at compatibility_level >= 3.6 (what a
 * Debian 12 install runs with). Values stay unexpanded, as postconf prints
 * them; `$name` is resolved at lookup time by EffectiveConfig.
 *
 * The kind drives validation: Postfix only rejects a bad number or boolean
 * when a daemon reads that parameter, and it does so with a fatal error.
 */
export type ParamKind = 'str' | 'list' | 'bool' | 'int' | 'time';

export interface ParamDef {
  readonly value: string;
  readonly kind: ParamKind;
  /** Smallest accepted integer (Postfix: "invalid X parameter value N < MIN"). */
  readonly min?: number;
}

const s = (value: string): ParamDef => ({ value, kind: 'str' });
const l = (value: string): ParamDef => ({ value, kind: 'list' });
const b = (value: 'yes' | 'no'): ParamDef => ({ value, kind: 'bool' });
const n = (value: string, min = 0): ParamDef => ({ value, kind: 'int', min });
const t = (value: string): ParamDef => ({ value, kind: 'time' });

/** Parameters whose default depends on the machine; filled from SystemInfo. */
export const SYSTEM_PARAMS = ['myhostname', 'mydomain', 'mynetworks'] as const;

export const POSTFIX_DEFAULTS: Readonly<Record<string, ParamDef>> = {
  '2bounce_notice_recipient': s('postmaster'),
  alias_database: l('hash:/etc/aliases'),
  alias_maps: l('hash:/etc/aliases, nis:mail.aliases'),
  allow_percent_hack: b('yes'),
  allow_untrusted_routing: b('no'),
  always_bcc: s(''),
  anvil_rate_time_unit: t('60s'),
  append_at_myorigin: b('yes'),
  append_dot_mydomain: b('no'),
  biff: b('yes'),
  body_checks: l(''),
  bounce_notice_recipient: s('postmaster'),
  bounce_queue_lifetime: t('5d'),
  broken_sasl_auth_clients: b('no'),
  canonical_maps: l(''),
  command_directory: s('/usr/sbin'),
  compatibility_level: s('3.6'),
  config_directory: s('/etc/postfix'),
  daemon_directory: s('/usr/lib/postfix/sbin'),
  data_directory: s('/var/lib/postfix'),
  default_process_limit: n('100', 1),
  default_transport: s('smtp'),
  defer_code: n('450', 400),
  defer_transports: l(''),
  delay_notice_recipient: s('postmaster'),
  delay_warning_time: t('0h'),
  disable_dns_lookups: b('no'),
  disable_vrfy_command: b('no'),
  error_notice_recipient: s('postmaster'),
  fallback_transport: s(''),
  header_checks: l(''),
  home_mailbox: s(''),
  in_flow_delay: t('1s'),
  inet_interfaces: l('all'),
  inet_protocols: l('all'),
  line_length_limit: n('2048', 1),
  local_recipient_maps: l('proxy:unix:passwd.byname $alias_maps'),
  local_transport: s('local:$myhostname'),
  luser_relay: s(''),
  mail_name: s('Postfix'),
  mail_owner: s('postfix'),
  mail_version: s('3.7.11'),
  mailbox_command: s(''),
  mailbox_size_limit: n('51200000'),
  mailbox_transport: s(''),
  maillog_file: s(''),
  max_idle: t('100s'),
  max_use: n('100', 1),
  maximal_backoff_time: t('4000s'),
  maximal_queue_lifetime: t('5d'),
  message_size_limit: n('10240000'),
  minimal_backoff_time: t('300s'),
  mydestination: l('$myhostname, localhost.$mydomain, localhost'),
  mydomain: s('localdomain'),
  myhostname: s('localhost.localdomain'),
  mynetworks: l('127.0.0.0/8 [::1]/128'),
  mynetworks_style: s('host'),
  myorigin: s('$myhostname'),
  notify_classes: l('resource, software'),
  parent_domain_matches_subdomains: l(
    'debug_peer_list,fast_flush_domains,mynetworks,permit_mx_backup_networks,qmqpd_authorized_clients,relay_domains,smtpd_access_maps',
  ),
  proxy_interfaces: l(''),
  queue_directory: s('/var/spool/postfix'),
  queue_run_delay: t('300s'),
  readme_directory: s('/usr/share/doc/postfix'),
  recipient_canonical_maps: l(''),
  recipient_delimiter: s(''),
  reject_code: n('554', 400),
  relay_code: n('554', 400),
  relay_domains: l(''),
  relay_recipient_maps: l(''),
  relay_transport: s('relay'),
  relayhost: s(''),
  resolve_dequoted_address: b('yes'),
  sender_canonical_maps: l(''),
  setgid_group: s('postdrop'),
  smtp_helo_name: s('$myhostname'),
  smtp_sasl_auth_enable: b('no'),
  smtp_sasl_password_maps: l(''),
  smtp_tls_security_level: s(''),
  smtpd_banner: s('$myhostname ESMTP $mail_name'),
  smtpd_client_connection_count_limit: n('50'),
  smtpd_client_connection_limit_exceptions: l(''),
  smtpd_client_connection_rate_limit: n('0'),
  smtpd_client_event_limit_exceptions: l('${smtpd_client_connection_limit_exceptions:$mynetworks}'),
  smtpd_client_restrictions: l(''),
  smtpd_data_restrictions: l(''),
  smtpd_delay_reject: b('yes'),
  smtpd_error_sleep_time: t('1s'),
  smtpd_forbid_bare_newline: b('no'),
  smtpd_hard_error_limit: n('20'),
  smtpd_helo_required: b('no'),
  smtpd_helo_restrictions: l(''),
  smtpd_null_access_lookup_key: s('<>'),
  smtpd_recipient_limit: n('1000', 1),
  smtpd_recipient_restrictions: l(''),
  smtpd_reject_unlisted_recipient: b('yes'),
  smtpd_reject_unlisted_sender: b('no'),
  smtpd_relay_restrictions: l('permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination'),
  smtpd_sasl_auth_enable: b('no'),
  smtpd_sasl_path: s('smtpd'),
  smtpd_sasl_security_options: l('noanonymous'),
  smtpd_sasl_type: s('cyrus'),
  smtpd_sender_restrictions: l(''),
  smtpd_soft_error_limit: n('10'),
  smtpd_timeout: t('${stress?{10}:{300}}s'),
  smtpd_tls_auth_only: b('no'),
  smtpd_tls_cert_file: s(''),
  smtpd_tls_key_file: s(''),
  smtpd_tls_loglevel: n('0'),
  smtpd_tls_security_level: s(''),
  smtpd_tls_wrappermode: b('no'),
  smtputf8_enable: b('yes'),
  soft_bounce: b('no'),
  stress: s(''),
  strict_rfc821_envelopes: b('no'),
  swap_bangpath: b('yes'),
  syslog_name: s('postfix'),
  transport_maps: l(''),
  unknown_local_recipient_reject_code: n('550', 400),
  virtual_alias_domains: l('$virtual_alias_maps'),
  virtual_alias_maps: l(''),
  virtual_mailbox_domains: l('$virtual_mailbox_maps'),
  virtual_mailbox_maps: l(''),
};

export function isKnownParam(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(POSTFIX_DEFAULTS, name);
}
