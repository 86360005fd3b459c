/**
 * The nmap smtp-open-relay battery (nmap 7.x scripts/smtp-open-relay.nse):
 * the 16 MAIL FROM / RCPT TO pairs in the script's order, and its verdict
 * texts. A test passes when RCPT gets 250 or 251; MAIL must get 250 first.
 */
export interface BatteryOptions {
  /** Target IP, used as `[IP]` (smtp-open-relay.ip). */
  readonly ip: string;
  /** Server name: first token after `220 ` in the greeting (see serverNameFromGreeting). */
  readonly server: string;
  readonly domain?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface BatteryTest {
  /** 1-based, as in the script. */
  readonly n: number;
  readonly mailFrom: string;
  readonly rcptTo: string;
}

export const NMAP_DEFAULT_DOMAIN = 'nmap.scanme.org';

/** nmap: `string.match(response, "%d+%s([%w]+[%w%.-]*)")`. */
export function serverNameFromGreeting(greeting: string): string | undefined {
  return /\d+\s([A-Za-z0-9]+[A-Za-z0-9.-]*)/.exec(greeting)?.[1];
}

export function relayBattery(o: BatteryOptions): BatteryTest[] {
  const D = o.domain ?? NMAP_DEFAULT_DOMAIN;
  const f = o.from ?? 'antispam';
  const t = o.to ?? 'relaytest';
  const S = o.server;
  const IP = o.ip;
  const fIP = `${f}@[${IP}]`;
  const pairs: Array<[string, string]> = [
    ['', `${t}@${D}`],
    [`${f}@${D}`, `${t}@${D}`],
    [`${f}@${S}`, `${t}@${D}`],
    [fIP, `${t}@${D}`],
    [fIP, `${t}%${D}@[${IP}]`],
    [fIP, `${t}%${D}@${S}`],
    [fIP, `"${t}@${D}"`],
    [fIP, `"${t}%${D}"`],
    [fIP, `${t}@${D}@[${IP}]`],
    [fIP, `"${t}@${D}"@[${IP}]`],
    [fIP, `${t}@${D}@${S}`],
    [fIP, `@[${IP}]:${t}@${D}`],
    [fIP, `@${S}:${t}@${D}`],
    [fIP, `${D}!${t}`],
    [fIP, `${D}!${t}@[${IP}]`],
    [fIP, `${D}!${t}@${S}`],
  ];
  return pairs.map(([mailFrom, rcptTo], i) => ({ n: i + 1, mailFrom, rcptTo }));
}

/** The command lines nmap sends for one test (after EHLO). */
export function batteryCommands(test: BatteryTest): string[] {
  return ['RSET', `MAIL FROM:<${test.mailFrom}>`, `RCPT TO:<${test.rcptTo}>`];
}

/** nmap's smtp.check_reply: MAIL needs 250, RCPT 250 or 251. */
export function batteryPassed(mailReply: string, rcptReply: string): boolean {
  return /^250[ -]/.test(mailReply) && /^25[01][ -]/.test(rcptReply);
}

/** One line per accepted test, as the script records it. */
export function batteryResultLine(test: BatteryTest): string {
  return `MAIL FROM:<${test.mailFrom}> -> RCPT TO:<${test.rcptTo}>`;
}

export const NOT_OPEN = "Server doesn't seem to be an open relay, all tests failed";
export const AUTH_NEEDED = "Server isn't an open relay, authentication needed";

/**
 * The script's output text. With verbosity > 1 (`-vv`) nmap appends the
 * accepted pairs, joined with "\n " (so each continues the `|` block).
 */
export function batteryVerdict(passed: readonly BatteryTest[], opts: { authNeeded?: boolean; verbose?: boolean } = {}): string {
  if (opts.authNeeded) return AUTH_NEEDED;
  if (passed.length === 0) return NOT_OPEN;
  const lines = [`Server is an open relay (${passed.length}/16 tests)`];
  if (opts.verbose) lines.push(...passed.map(batteryResultLine));
  return lines.join('\n ');
}

/** How nmap renders a script result under the port: `| smtp-open-relay: ...` / `|_...` on the last line. */
export function nmapScriptBlock(id: string, output: string): string[] {
  const lines = output.split('\n');
  if (lines.length === 1) return [`|_${id}: ${lines[0]}`];
  return lines.map((l, i) => (i === 0 ? `| ${id}: ${l}` : i === lines.length - 1 ? `|_${l}` : `|${l}`));
}
