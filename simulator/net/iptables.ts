/**
 * The `iptables` command on fw: argv in, {stdout, stderr, exitCode} out, with
 * iptables-nft 1.8.9's own messages and exit codes (2 for usage problems with the
 * "Try `iptables -h'" line, 1 for kernel-side refusals like a missing rule).
 * Parsing follows xshared.c's do_parse: getopt-style options in order, `!`
 * before an option negates it, match options exist only once `-p tcp`/`-m` loads them.
 */
import { CHAINS, CT_STATES, type Chain, type CtState, type Firewall, type PortMatch, type Rule, type Target } from './firewall.ts';
import { parseCidr, parseIPv4 } from './ip.ts';
import { LOG_LEVELS, SERVICE_PORTS, listRules, ruleSpec, saveRules } from './iptables-list.ts';

export type CommandResult = { stdout: string; stderr: string; exitCode: number };
export type IptablesOptions = {
  /** Name for an address in `-L` without -n (reverse DNS); the address itself when absent. */
  nameOf?: (ip: string) => string | undefined;
  /** Name to address for `-s mail.corp.example` (iptables resolves once, at insert time). */
  resolve?: (name: string) => string | undefined;
};

const VERSION = 'iptables v1.8.9 (nf_tables)';
const TRY = "Try `iptables -h' or 'iptables --help' for more information.";

class Fail extends Error {
  constructor(readonly result: CommandResult) {
    super(result.stderr);
  }
}
/** xtables_error(PARAMETER_PROBLEM, …): usage problem, exit 2. */
const usage = (msg: string): never => {
  throw new Fail({ stdout: '', stderr: `${VERSION}: ${msg}\n${TRY}\n`, exitCode: 2 });
};
/** nft_strerror after a failed kernel operation, exit 1. */
const refused = (msg: string): never => {
  throw new Fail({ stdout: '', stderr: `iptables: ${msg}.\n`, exitCode: 1 });
};

type Cmd = 'A' | 'C' | 'D' | 'DN' | 'R' | 'I' | 'L' | 'S' | 'F' | 'Z' | 'N' | 'X' | 'E' | 'P';
/** Options whose legality per command iptables checks (commands_v_options, "0" = --line-numbers). */
const OPTFLAGS = ['n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0'] as const;
const ILLEGAL: Record<Cmd, string> = {
  A: 'nx0', I: 'nx0', R: 'nx0', D: 'nx0', C: 'nx0', DN: 'nsdpjxio0',
  L: 'sdpjio', S: 'nsdpjxio0', F: 'nsdpjxio0', Z: 'nsdpjxio0', N: 'nsdpjxio0', X: 'nsdpjxio0',
  E: 'nsdpjxio0', P: 'nsdpjxio0',
};

const LONG: Record<string, string> = {
  append: 'A', check: 'C', delete: 'D', replace: 'R', insert: 'I', list: 'L', 'list-rules': 'S',
  flush: 'F', zero: 'Z', 'new-chain': 'N', 'delete-chain': 'X', 'rename-chain': 'E', policy: 'P',
  source: 's', src: 's', destination: 'd', dst: 'd', protocol: 'p', 'in-interface': 'i', jump: 'j',
  table: 't', match: 'm', numeric: 'n', 'out-interface': 'o', verbose: 'v', wait: 'w',
  'wait-interval': 'W', exact: 'x', version: 'V', help: 'h', 'line-numbers': '0', ipv4: '4',
};
const NEEDS_ARG = new Set('ACDRINPEpsdjiotmg'.split(''));
const OPTIONAL_ARG = new Set('LSFZXhwW'.split(''));
const REJECT_TYPES: Record<string, string> = {
  'icmp-net-unreachable': 'icmp-net-unreachable', 'net-unreach': 'icmp-net-unreachable',
  'icmp-host-unreachable': 'icmp-host-unreachable', 'host-unreach': 'icmp-host-unreachable',
  'icmp-port-unreachable': 'icmp-port-unreachable', 'port-unreach': 'icmp-port-unreachable',
  'icmp-proto-unreachable': 'icmp-proto-unreachable', 'proto-unreach': 'icmp-proto-unreachable',
  'icmp-net-prohibited': 'icmp-net-prohibited', 'net-prohib': 'icmp-net-prohibited',
  'icmp-host-prohibited': 'icmp-host-prohibited', 'host-prohib': 'icmp-host-prohibited',
  'icmp-admin-prohibited': 'icmp-admin-prohibited', 'admin-prohib': 'icmp-admin-prohibited',
  'tcp-reset': 'tcp-reset', 'tcp-rst': 'tcp-reset',
};

/** Long option lookup with getopt_long's unique-prefix rule. */
function findLong(name: string, table: Record<string, string>): string | undefined {
  if (table[name]) return table[name];
  const hits = Object.keys(table).filter((k) => k.startsWith(name));
  const distinct = new Set(hits.map((k) => table[k]));
  return hits.length > 0 && distinct.size === 1 ? table[hits[0]!] : undefined;
}

function parsePort(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : SERVICE_PORTS[text];
  if (n === undefined || n > 65535) usage(`invalid port/service \`${text}' specified`);
  return n!;
}

function parsePorts(text: string, neg: boolean): PortMatch {
  const [a, b] = text.split(':', 2);
  if (b === undefined) {
    const p = parsePort(a!);
    return { min: p, max: p, neg };
  }
  const min = a === '' ? 0 : parsePort(a!);
  const max = b === '' ? 65535 : parsePort(b);
  return { min: Math.min(min, max), max: Math.max(min, max), neg };
}

function sameSpec(a: Rule, b: Rule): boolean {
  return ruleSpec(a) === ruleSpec(b);
}

/** Run `iptables ARGS…` (argv without the program name; a leading "iptables" is skipped). */
export function iptables(fw: Firewall, argv: readonly string[], opts: IptablesOptions = {}): CommandResult {
  try {
    return run(fw, argv[0] && /(^|\/)iptables(-nft)?$/.test(argv[0]) ? argv.slice(1) : argv, opts);
  } catch (e) {
    if (e instanceof Fail) return e.result;
    throw e;
  }
}

function run(fw: Firewall, args: readonly string[], opts: IptablesOptions): CommandResult {
  let cmd: Cmd | undefined;
  let chain: string | undefined;
  let rulenum: number | undefined;
  let policy: string | undefined;
  let table = 'filter';
  let jump: string | undefined;
  const seen = new Set<string>();
  const rule: Rule = { target: '', pkts: 0, bytes: 0 };
  const matchOpts: Record<string, string> = {};
  const targetOpts: Record<string, string> = {};
  let invert = false;
  let i = 0;

  const hasArg = () => i < args.length && !args[i]!.startsWith('-') && !args[i]!.startsWith('!');
  const setCommand = (c: Cmd, name: string) => {
    if (invert) usage("unexpected '!' flag");
    if (cmd) usage(`Cannot use -${c === 'DN' ? 'D' : c} with -${cmd === 'DN' ? 'D' : cmd}`);
    cmd = c;
    chain = name;
  };
  const setOption = (flag: string) => {
    if (seen.has(flag)) usage(`multiple -${flag} flags not allowed`);
    seen.add(flag);
    if (invert && !'sdpio'.includes(flag)) usage(`cannot have ! before -${flag}`);
  };
  const ruleNumber = (text: string) => {
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 2147483647) usage(`Invalid rule number \`${text}'`);
    return Number(text);
  };
  const loadL4 = (name: 'tcp' | 'udp') => {
    rule.l4 ??= { name };
    Object.assign(matchOpts, { 'source-port': 'sport', sport: 'sport', 'destination-port': 'dport', dport: 'dport' });
  };

  while (i < args.length) {
    const tok = args[i++]!;
    if (tok === '!') {
      if (invert) usage('multiple consecutive ! not allowed');
      invert = true;
      continue;
    }
    let opt: string | undefined;
    let value: string | undefined;
    if (tok.startsWith('--') && tok.length > 2) {
      const eq = tok.indexOf('=');
      const name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
      if (eq >= 0) value = tok.slice(eq + 1);
      const ext = findLong(name, { ...matchOpts, ...targetOpts });
      opt = ext ? `--${ext}` : findLong(name, LONG);
      if (!opt) usage(`unknown option "${tok}"`);
      if (ext || NEEDS_ARG.has(opt!)) {
        if (value === undefined) {
          if (i >= args.length) usage(`option "${tok}" requires an argument`);
          value = args[i++];
        }
      }
    } else if (tok.startsWith('-') && tok.length > 1) {
      // A cluster like -nvL: flags first, an option taking an argument ends it.
      for (let k = 1; k < tok.length; k++) {
        const c = tok[k]!;
        const rest = tok.slice(k + 1);
        if (!NEEDS_ARG.has(c) && !OPTIONAL_ARG.has(c) && !'nvxV4'.includes(c)) usage(`unknown option "${tok}"`);
        if (NEEDS_ARG.has(c) || OPTIONAL_ARG.has(c)) {
          opt = c;
          if (rest) value = rest;
          else if (NEEDS_ARG.has(c)) {
            if (i >= args.length) usage(`option "${tok}" requires an argument`);
            value = args[i++];
          }
          break;
        }
        handle(c, undefined);
      }
      if (!opt) continue;
    } else {
      return { stdout: '', stderr: `Bad argument \`${tok}'\n${TRY}\n`, exitCode: 2 };
    }
    handle(opt!, value);
  }

  function handle(opt: string, value: string | undefined): void {
    const neg = invert;
    switch (opt) {
      case 'A': case 'C': case 'N': case 'E':
        setCommand(opt, value!);
        if (opt === 'E') {
          if (!hasArg()) usage('-E requires old-chain-name and new-chain-name');
          i++;
        }
        break;
      case 'D':
        setCommand('D', value!);
        if (hasArg()) {
          rulenum = ruleNumber(args[i++]!);
          cmd = 'DN';
        }
        break;
      case 'R':
        setCommand('R', value!);
        if (!hasArg()) usage('-R requires a rule number');
        rulenum = ruleNumber(args[i++]!);
        break;
      case 'I':
        setCommand('I', value!);
        rulenum = hasArg() ? ruleNumber(args[i++]!) : 1;
        break;
      case 'L': case 'S': case 'Z':
        setCommand(opt, value ?? (hasArg() ? args[i++]! : ''));
        if (hasArg()) rulenum = ruleNumber(args[i++]!);
        break;
      case 'F': case 'X':
        setCommand(opt, value ?? (hasArg() ? args[i++]! : ''));
        break;
      case 'P':
        setCommand('P', value!);
        if (!hasArg()) usage('-P requires a chain and a policy');
        policy = args[i++]!;
        break;
      case 'V':
        throw new Fail({ stdout: `${VERSION}\n`, stderr: '', exitCode: 0 });
      case 'h':
        throw new Fail({ stdout: `${VERSION}\n\nUsage: iptables -[ACD] chain rule-specification [options]\n       iptables -I chain [rulenum] rule-specification [options]\n       iptables -D chain rulenum [options]\n       iptables -[LS] [chain [rulenum]] [options]\n       iptables -[FZ] [chain] [options]\n       iptables -P chain target [options]\n       iptables -h (print this help information)\n`, stderr: '', exitCode: 0 });
      case 'p': {
        setOption('p');
        const name = value!.toLowerCase();
        const numMap: Record<string, number> = { all: 0, icmp: 1, tcp: 6, udp: 17 };
        const n = /^\d+$/.test(name) && Number(name) <= 255 ? Number(name) : numMap[name];
        if (n === undefined) usage(`unknown protocol "${value}" specified`);
        if (n === 0 && neg) usage('rule would never match protocol');
        if (n !== 0) rule.proto = { num: n!, neg };
        if (n === 6 || n === 17) {
          Object.assign(matchOpts, { 'source-port': 'sport', sport: 'sport', 'destination-port': 'dport', dport: 'dport' });
        }
        break;
      }
      case 's': case 'd': {
        setOption(opt);
        // iptables resolves a host name once, when the rule is added.
        const [host, mask] = value!.split('/', 2) as [string, string | undefined];
        const base = parseIPv4(host) !== null ? host : opts.resolve?.(host);
        if (!base) usage(`host/network \`${host}' not found`);
        const c = parseCidr(mask === undefined ? base! : `${base}/${mask}`);
        if (!c) usage(`invalid mask \`${mask}' specified`);
        rule[opt === 's' ? 'src' : 'dst'] = { addr: c!.addr, mask: c!.mask, neg };
        break;
      }
      case 'i': case 'o':
        if (value === '') usage('Empty interface is likely to be undesired');
        setOption(opt);
        rule[opt === 'i' ? 'inIf' : 'outIf'] = { name: value!, neg };
        break;
      case 'j':
        setOption('j');
        jump = value!;
        if (['ACCEPT', 'DROP', 'REJECT', 'LOG', 'RETURN'].includes(jump)) rule.target = jump as Target;
        if (jump === 'LOG') Object.assign(targetOpts, { 'log-prefix': 'log-prefix', 'log-level': 'log-level' });
        if (jump === 'REJECT') Object.assign(targetOpts, { 'reject-with': 'reject-with' });
        break;
      case 'm':
        if (value === 'tcp' || value === 'udp') loadL4(value);
        else if (value === 'conntrack') Object.assign(matchOpts, { ctstate: 'ctstate' });
        else if (value === 'state') Object.assign(matchOpts, { state: 'state' });
        else usage(`Couldn't load match \`${value}':No such file or directory`);
        break;
      case 'n': case 'v': case 'x': case '0':
        if (opt === 'v' && seen.has('v')) break;
        setOption(opt);
        break;
      case 't':
        if (neg) usage('unexpected ! flag before --table');
        table = value!;
        break;
      case 'w': case 'W': case '4': case 'f':
        break;
      case '--sport': case '--dport': {
        const name = rule.proto?.num === 17 ? 'udp' : 'tcp';
        if (!rule.l4) rule.l4 = { name };
        const key = opt === '--sport' ? 'sport' : 'dport';
        if (rule.l4[key]) usage(`Only one \`--${key === 'sport' ? 'source' : 'destination'}-port' allowed`);
        rule.l4[key] = parsePorts(value!, neg);
        break;
      }
      case '--ctstate': case '--state': {
        const states = value!.split(',').map((s) => s.toUpperCase());
        const bad = states.find((s) => !(CT_STATES as readonly string[]).includes(s));
        if (bad !== undefined) usage(`Bad ${opt === '--ctstate' ? 'ctstate' : 'state'} "${bad}"`);
        rule.state = { module: opt === '--ctstate' ? 'conntrack' : 'state', states: states as CtState[], neg };
        break;
      }
      case '--log-prefix':
        if (value!.length < 1) usage('Argument must have a minimum length of 1 characters\n');
        if (value!.includes('\n')) usage('Newlines not allowed in --log-prefix');
        rule.logPrefix = value!.slice(0, 29);
        break;
      case '--log-level': {
        const n = /^\d+$/.test(value!) ? Number(value) : LOG_LEVELS.indexOf(value!.toLowerCase());
        if (n < 0 || n > 7) usage(`log level "${value}" unknown\n`);
        rule.logLevel = n;
        break;
      }
      case '--reject-with': {
        const r = REJECT_TYPES[value!];
        if (!r) usage(`unknown reject type "${value}"`);
        rule.rejectWith = r;
        break;
      }
    }
    invert = false;
  }

  if (!cmd) usage('no command specified');
  if (invert) usage('nothing appropriate following !');
  for (const f of OPTFLAGS) if (seen.has(f) && ILLEGAL[cmd!].includes(f)) usage(`Illegal option \`-${f}' with this command`);
  if (['A', 'D', 'DN', 'C', 'I', 'R'].includes(cmd!)) {
    if (chain === 'INPUT' && rule.outIf) usage("Can't use -o with INPUT\n");
    if (chain === 'OUTPUT' && rule.inIf) usage("Can't use -i with OUTPUT\n");
  }
  if (table === 'nat') return natTable(cmd!);
  if (table !== 'filter') {
    return { stdout: '', stderr: `${VERSION}: table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, exitCode: 3 };
  }
  if (rule.target === 'REJECT') rule.rejectWith ??= 'icmp-port-unreachable';
  if (jump !== undefined && !rule.target && ['A', 'I', 'R', 'D', 'C'].includes(cmd!)) usage(`Chain '${jump}' does not exist`);

  const c = chain ? fw.chain(chain) : undefined;
  const noChain = () => refused('No chain/target/match by that name');
  const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
  const fmt = { numeric: seen.has('n'), verbose: seen.has('v'), exact: seen.has('x'), lineNumbers: seen.has('0') };

  switch (cmd!) {
    case 'A':
      if (!c) return noChain();
      c.rules.push(rule);
      return ok();
    case 'I':
      if (!c) return noChain();
      if (rulenum! > c.rules.length + 1) refused('Index of insertion too big');
      c.rules.splice(rulenum! - 1, 0, rule);
      return ok();
    case 'R':
      if (!c) return noChain();
      if (rulenum! > c.rules.length) refused('Index of replacement too big');
      c.rules[rulenum! - 1] = rule;
      return ok();
    case 'DN':
      if (!c) return noChain();
      if (rulenum! > c.rules.length) refused('Index of deletion too big');
      c.rules.splice(rulenum! - 1, 1);
      return ok();
    case 'D': case 'C': {
      const at = c ? c.rules.findIndex((r) => sameSpec(r, rule)) : -1;
      if (at < 0) refused('Bad rule (does a matching rule exist in that chain?)');
      if (cmd === 'D') c!.rules.splice(at, 1);
      return ok();
    }
    case 'L': case 'S':
      if (chain && !c) return noChain();
      return ok(cmd === 'L'
        ? listRules(fw, (chain || undefined) as Chain | undefined, rulenum, fmt, opts.nameOf)
        : saveRules(fw, (chain || undefined) as Chain | undefined, rulenum));
    case 'F': case 'Z':
      if (chain && !c) return noChain();
      for (const name of chain ? [chain as Chain] : CHAINS) {
        const ch = fw.state.chains[name];
        if (cmd === 'F') ch.rules = [];
        else if (rulenum !== undefined) {
          const r = ch.rules[rulenum - 1];
          if (!r) refused('Index of counter too big');
          r!.pkts = r!.bytes = 0;
        } else {
          ch.pkts = ch.bytes = 0;
          for (const r of ch.rules) r.pkts = r.bytes = 0;
        }
      }
      return ok();
    case 'P':
      if (!c) refused('Bad built-in chain name');
      if (policy !== 'ACCEPT' && policy !== 'DROP') {
        return { stdout: '', stderr: "iptables: Bad policy name. Run `dmesg' for more information.\n", exitCode: 1 };
      }
      c!.policy = policy;
      return ok();
    case 'N': case 'X': case 'E':
      // User-defined chains are outside this lab's model; say so plainly.
      return { stdout: '', stderr: 'iptables: user-defined chains are not available on this simulated firewall.\n', exitCode: 1 };
  }
}

/** The fixed nat table (see routing.ts): listable, not editable. */
function natTable(cmd: Cmd): CommandResult {
  if (cmd !== 'S') {
    return { stdout: '', stderr: 'iptables: the nat table is fixed on this simulated firewall; try `iptables -t nat -S`.\n', exitCode: 1 };
  }
  return {
    stdout: [
      '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT',
      '-A PREROUTING -d 203.0.113.25/32 -i eth0 -j DNAT --to-destination 10.0.0.25',
      '-A POSTROUTING -s 10.0.0.25/32 -o eth0 -j SNAT --to-source 203.0.113.25',
      '-A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE',
    ].join('\n') + '\n',
    stderr: '',
    exitCode: 0,
  };
}
