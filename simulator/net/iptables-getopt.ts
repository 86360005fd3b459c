/**
 * Reading iptables' argv as getopt_long does in xshared.c's do_parse: options in order,
 * short flags clustered (-nvL), long options by unique prefix, `!` before an option
 * negating it. This file only splits the words; what an option means is the caller's.
 */
import { badArgument, usage } from './iptables-messages.ts';

const LONG: Record<string, string> = {
  append: 'A', check: 'C', delete: 'D', replace: 'R', insert: 'I', list: 'L', 'list-rules': 'S',
  flush: 'F', zero: 'Z', 'new-chain': 'N', 'delete-chain': 'X', 'rename-chain': 'E', policy: 'P',
  source: 's', src: 's', destination: 'd', dst: 'd', protocol: 'p', 'in-interface': 'i', jump: 'j',
  table: 't', match: 'm', numeric: 'n', 'out-interface': 'o', verbose: 'v', wait: 'w',
  'wait-interval': 'W', exact: 'x', version: 'V', help: 'h', 'line-numbers': '0', ipv4: '4',
};
const NEEDS_ARG = new Set('ACDRINPEpsdjiotmg'.split(''));
const OPTIONAL_ARG = new Set('LSFZXhwW'.split(''));

/** Long option lookup with getopt_long's unique-prefix rule. */
function findLong(name: string, table: Record<string, string>): string | undefined {
  if (table[name]) return table[name];
  const hits = Object.keys(table).filter((k) => k.startsWith(name));
  const distinct = new Set(hits.map((k) => table[k]));
  return hits.length > 0 && distinct.size === 1 ? table[hits[0]!] : undefined;
}

/** The words not read yet; commands take their positional arguments (rule number, policy) from it too. */
export class ArgCursor {
  private i = 0;
  constructor(private readonly args: readonly string[]) {}
  get done(): boolean {
    return this.i >= this.args.length;
  }
  /** The next word is a positional argument (not an option, not `!`). */
  hasArg(): boolean {
    return this.i < this.args.length && !this.args[this.i]!.startsWith('-') && !this.args[this.i]!.startsWith('!');
  }
  next(): string | undefined {
    return this.args[this.i++];
  }
}

/** One option: a short letter ("A", "s"), or "--name" for an extension's option; `neg` when `!` came first. */
export type OptionHandler = (opt: string, value: string | undefined, neg: boolean) => void;

/**
 * Hand every option to `onOption` in order. `extensions()` gives the long options that
 * matches and targets loaded so far have added (name → option); they always take an
 * argument and are looked up before the built-in ones. Returns true when argv ends in `!`.
 */
export function readOptions(argv: ArgCursor, extensions: () => Record<string, string>, onOption: OptionHandler): boolean {
  let invert = false;
  const handle = (opt: string, value: string | undefined) => {
    onOption(opt, value, invert);
    invert = false;
  };
  while (!argv.done) {
    const tok = argv.next()!;
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
      const ext = findLong(name, extensions());
      opt = ext ? `--${ext}` : findLong(name, LONG);
      if (!opt) usage(`unknown option "${tok}"`);
      if (ext || NEEDS_ARG.has(opt!)) {
        if (value === undefined) {
          if (argv.done) usage(`option "${tok}" requires an argument`);
          value = argv.next();
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
            if (argv.done) usage(`option "${tok}" requires an argument`);
            value = argv.next();
          }
          break;
        }
        handle(c, undefined);
      }
      if (!opt) continue;
    } else {
      badArgument(tok);
    }
    handle(opt!, value);
  }
  return invert;
}
