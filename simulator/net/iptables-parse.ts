/**
 * An iptables command line to the command it asks for: which command (-A, -D, -L…),
 * its chain and positional arguments, the display flags and the rule it specifies.
 * Follows xshared.c's do_parse, checks included (one command, options legal with it).
 */
import type { Rule } from './firewall.ts';
import { ArgCursor, readOptions } from './iptables-getopt.ts';
import { printHelp, printVersion, usage } from './iptables-messages.ts';
import { ruleSpecOption, setOption, type RuleSpecState } from './iptables-rule-spec.ts';

/** The commands; "DN" is -D with a rule number instead of a rule specification. */
export type Cmd = 'A' | 'C' | 'D' | 'DN' | 'R' | 'I' | 'L' | 'S' | 'F' | 'Z' | 'N' | 'X' | 'E' | 'P';

export type ParsedCommand = {
  cmd: Cmd;
  /** '' when -L/-S/-F/-Z/-X name no chain (all chains). */
  chain?: string;
  rulenum?: number;
  policy?: string;
  table: string;
  jump?: string;
  rule: Rule;
  /** Short options given: "n", "v", "x" and "0" (--line-numbers) choose the listing format. */
  seen: ReadonlySet<string>;
};

type ParseState = RuleSpecState & { cmd?: Cmd; chain?: string; rulenum?: number; policy?: string; table: string };

/** Options whose legality per command iptables checks (commands_v_options, "0" = --line-numbers). */
const OPTFLAGS = ['n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0'] as const;
const ILLEGAL: Record<Cmd, string> = {
  A: 'nx0', I: 'nx0', R: 'nx0', D: 'nx0', C: 'nx0', DN: 'nsdpjxio0',
  L: 'sdpjio', S: 'nsdpjxio0', F: 'nsdpjxio0', Z: 'nsdpjxio0', N: 'nsdpjxio0', X: 'nsdpjxio0',
  E: 'nsdpjxio0', P: 'nsdpjxio0',
};

/** Parse argv (without the program name); usage problems end the command (see iptables-messages.ts). */
export function parseCommandLine(args: readonly string[], resolve?: (name: string) => string | undefined): ParsedCommand {
  const argv = new ArgCursor(args);
  const st: ParseState = { rule: { target: '', pkts: 0, bytes: 0 }, seen: new Set(), matchOpts: {}, targetOpts: {}, table: 'filter' };
  const danglingBang = readOptions(
    argv,
    () => ({ ...st.matchOpts, ...st.targetOpts }),
    (opt, value, neg) => commandOption(st, argv, opt, value, neg, resolve),
  );

  if (!st.cmd) usage('no command specified');
  if (danglingBang) usage('nothing appropriate following !');
  const cmd = st.cmd!;
  for (const f of OPTFLAGS) if (st.seen.has(f) && ILLEGAL[cmd].includes(f)) usage(`Illegal option \`-${f}' with this command`);
  if (['A', 'D', 'DN', 'C', 'I', 'R'].includes(cmd)) {
    if (st.chain === 'INPUT' && st.rule.outIf) usage("Can't use -o with INPUT\n");
    if (st.chain === 'OUTPUT' && st.rule.inIf) usage("Can't use -i with OUTPUT\n");
  }
  const { chain, rulenum, policy, table, jump, rule, seen } = st;
  return { cmd, chain, rulenum, policy, table, jump, rule, seen };
}

function setCommand(st: ParseState, c: Cmd, name: string, neg: boolean): void {
  if (neg) usage("unexpected '!' flag");
  if (st.cmd) usage(`Cannot use -${c === 'DN' ? 'D' : c} with -${st.cmd === 'DN' ? 'D' : st.cmd}`);
  st.cmd = c;
  st.chain = name;
}

function ruleNumber(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 2147483647) usage(`Invalid rule number \`${text}'`);
  return Number(text);
}

/** Commands and their positional arguments, display flags and the table; the rest is the rule's. */
function commandOption(
  st: ParseState, argv: ArgCursor, opt: string, value: string | undefined, neg: boolean,
  resolve: ((name: string) => string | undefined) | undefined,
): void {
  switch (opt) {
    case 'A': case 'C': case 'N': case 'E':
      setCommand(st, opt, value!, neg);
      if (opt === 'E') {
        if (!argv.hasArg()) usage('-E requires old-chain-name and new-chain-name');
        argv.next();
      }
      break;
    case 'D':
      setCommand(st, 'D', value!, neg);
      if (argv.hasArg()) {
        st.rulenum = ruleNumber(argv.next()!);
        st.cmd = 'DN';
      }
      break;
    case 'R':
      setCommand(st, 'R', value!, neg);
      if (!argv.hasArg()) usage('-R requires a rule number');
      st.rulenum = ruleNumber(argv.next()!);
      break;
    case 'I':
      setCommand(st, 'I', value!, neg);
      st.rulenum = argv.hasArg() ? ruleNumber(argv.next()!) : 1;
      break;
    case 'L': case 'S': case 'Z':
      setCommand(st, opt, value ?? (argv.hasArg() ? argv.next()! : ''), neg);
      if (argv.hasArg()) st.rulenum = ruleNumber(argv.next()!);
      break;
    case 'F': case 'X':
      setCommand(st, opt, value ?? (argv.hasArg() ? argv.next()! : ''), neg);
      break;
    case 'P':
      setCommand(st, 'P', value!, neg);
      if (!argv.hasArg()) usage('-P requires a chain and a policy');
      st.policy = argv.next()!;
      break;
    case 'V':
      printVersion();
      break;
    case 'h':
      printHelp();
      break;
    case 'n': case 'v': case 'x': case '0':
      if (opt === 'v' && st.seen.has('v')) break;
      setOption(st, opt, neg);
      break;
    case 't':
      if (neg) usage('unexpected ! flag before --table');
      st.table = value!;
      break;
    case 'w': case 'W': case '4': case 'f':
      break;
    default:
      ruleSpecOption(st, opt, value, neg, resolve);
  }
}
