/**
 * What the `iptables` command prints when it stops early: iptables-nft 1.8.9's own texts
 * and exit codes (2 for usage problems with the "Try `iptables -h'" line, 1 for
 * kernel-side refusals), kept in one place so every part of the command words them alike.
 */

export type CommandResult = { stdout: string; stderr: string; exitCode: number };

export const VERSION = 'iptables v1.8.9 (nf_tables)';
const TRY = "Try `iptables -h' or 'iptables --help' for more information.";
const HELP = `${VERSION}\n\nUsage: iptables -[ACD] chain rule-specification [options]\n       iptables -I chain [rulenum] rule-specification [options]\n       iptables -D chain rulenum [options]\n       iptables -[LS] [chain [rulenum]] [options]\n       iptables -[FZ] [chain] [options]\n       iptables -P chain target [options]\n       iptables -h (print this help information)\n`;

/** Ends the command wherever it is thrown; `iptables()` catches it and returns its result. */
export class Fail extends Error {
  constructor(readonly result: CommandResult) {
    super(result.stderr);
  }
}
/** xtables_error(PARAMETER_PROBLEM, …): usage problem, exit 2. */
export const usage = (msg: string): never => {
  throw new Fail({ stdout: '', stderr: `${VERSION}: ${msg}\n${TRY}\n`, exitCode: 2 });
};
/** nft_strerror after a failed kernel operation, exit 1. */
export const refused = (msg: string): never => {
  throw new Fail({ stdout: '', stderr: `iptables: ${msg}.\n`, exitCode: 1 });
};
/** A word where an option was expected. */
export const badArgument = (tok: string): never => {
  throw new Fail({ stdout: '', stderr: `Bad argument \`${tok}'\n${TRY}\n`, exitCode: 2 });
};
/** -V and -h answer at once, whatever else the line says. */
export const printVersion = (): never => {
  throw new Fail({ stdout: `${VERSION}\n`, stderr: '', exitCode: 0 });
};
export const printHelp = (): never => {
  throw new Fail({ stdout: HELP, stderr: '', exitCode: 0 });
};
