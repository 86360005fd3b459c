/**
 * The `iptables` command on fw: argv in, {stdout, stderr, exitCode} out, with
 * iptables-nft 1.8.9's own messages and exit codes (2 for usage problems with the
 * "Try `iptables -h'" line, 1 for kernel-side refusals like a missing rule).
 * Parsing follows xshared.c's do_parse: getopt-style options in order, `!`
 * before an option negates it, match options exist only once `-p tcp`/`-m` loads them.
 *
 * The parts: iptables-getopt.ts splits argv, iptables-parse.ts (with
 * iptables-rule-spec.ts) turns it into a command and a rule, iptables-apply.ts runs it
 * on the Firewall, iptables-list.ts prints -L/-S, iptables-messages.ts holds the texts.
 */
import type { Firewall } from './firewall.ts';
import { applyCommand } from './iptables-apply.ts';
import { Fail, type CommandResult } from './iptables-messages.ts';
import { parseCommandLine } from './iptables-parse.ts';

export type { CommandResult } from './iptables-messages.ts';
export type IptablesOptions = {
  /** Name for an address in `-L` without -n (reverse DNS); the address itself when absent. */
  nameOf?: (ip: string) => string | undefined;
  /** Name to address for `-s mail.corp.example` (iptables resolves once, at insert time). */
  resolve?: (name: string) => string | undefined;
};

/** Run `iptables ARGS…` (argv without the program name; a leading "iptables" is skipped). */
export function iptables(fw: Firewall, argv: readonly string[], opts: IptablesOptions = {}): CommandResult {
  const args = argv[0] && /(^|\/)iptables(-nft)?$/.test(argv[0]) ? argv.slice(1) : argv;
  try {
    return applyCommand(fw, parseCommandLine(args, opts.resolve), opts.nameOf);
  } catch (e) {
    if (e instanceof Fail) return e.result;
    throw e;
  }
}
