/**
 * The hosts every part of the simulation names: defined once here and used by
 * the topology that builds them, the mail server, the world, the grader and
 * the shell — so a check, a log line and `ip addr` cannot disagree.
 */
export const CORP_DOMAIN = 'corp.example';
export const MAIL_HOST = 'mail.corp.example';
export const FW_HOST = 'fw.corp.example';
export const OPS_HOST = 'ops.corp.example';
/** The auditor's host on the Internet (`ssh outside`), where relay tests come from. */
export const OUTSIDE_HOST = 'outside.example.org';

export const MAIL_LAN_IP = '10.0.0.25';
/** The mail server's public address (1:1 NAT on fw): what recipient MXs and blocklists see. */
export const MAIL_PUBLIC_IP = '203.0.113.25';
/** fw's own public address: the LAN's masquerade source, so what a bot's direct spam comes from. */
export const FW_PUBLIC_IP = '203.0.113.10';
