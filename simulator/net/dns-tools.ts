/**
 * `dig` and `host` as they print on Debian 12 (bind9 9.18), over dns.ts. Output
 * is deterministic: query ids and times come from the seeded generator (or a
 * hash of the question), WHEN from the virtual clock.
 *
 * The entry point for callers; dig is in dns-dig.ts (its report text in
 * dns-dig-output.ts), host in dns-host.ts, what both share in dns-tool-context.ts.
 */
export { dig } from './dns-dig.ts';
export { host } from './dns-host.ts';
export type { CommandResult, DnsToolContext } from './dns-tool-context.ts';
