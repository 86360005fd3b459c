/**
 * The rule-specification options of an iptables command line (-p -s -d -i -o -j -m),
 * written into the Rule being built with xtables' own messages. -p, -m and -j load
 * extensions whose options (--dport, --ctstate, --log-prefix…) iptables-extensions.ts applies.
 */
import type { Rule, Target } from './firewall.ts';
import { parseCidr, parseIPv4 } from './ip.ts';
import {
  CONNTRACK_OPTIONS, LOG_OPTIONS, PORT_OPTIONS, REJECT_OPTIONS, STATE_OPTIONS, extensionOption,
} from './iptables-extensions.ts';
import { usage } from './iptables-messages.ts';

/** What the rule-specification options have said so far. */
export type RuleSpecState = {
  rule: Rule;
  /** Short options already given (see setOption). */
  seen: Set<string>;
  /** -j's argument, even when it names no target this firewall knows. */
  jump?: string;
  /** Long options added by the matches loaded so far (-p tcp, -m conntrack…): name → option. */
  matchOpts: Record<string, string>;
  /** Long options added by the target (-j LOG, -j REJECT). */
  targetOpts: Record<string, string>;
};

/** xshared.c's set_option: each option at most once, `!` only before -s -d -p -i -o. */
export function setOption(st: RuleSpecState, flag: string, neg: boolean): void {
  if (st.seen.has(flag)) usage(`multiple -${flag} flags not allowed`);
  st.seen.add(flag);
  if (neg && !'sdpio'.includes(flag)) usage(`cannot have ! before -${flag}`);
}

/**
 * Apply one rule-specification option or extension option; any other option is ignored.
 * `resolve` turns a host name after -s/-d into its address (iptables resolves once, at insert time).
 */
export function ruleSpecOption(
  st: RuleSpecState, opt: string, value: string | undefined, neg: boolean,
  resolve: ((name: string) => string | undefined) | undefined,
): void {
  const { rule } = st;
  switch (opt) {
    case 'p': {
      setOption(st, 'p', neg);
      const name = value!.toLowerCase();
      const numMap: Record<string, number> = { all: 0, icmp: 1, tcp: 6, udp: 17 };
      const n = /^\d+$/.test(name) && Number(name) <= 255 ? Number(name) : numMap[name];
      if (n === undefined) usage(`unknown protocol "${value}" specified`);
      if (n === 0 && neg) usage('rule would never match protocol');
      if (n !== 0) rule.proto = { num: n!, neg };
      if (n === 6 || n === 17) Object.assign(st.matchOpts, PORT_OPTIONS);
      break;
    }
    case 's': case 'd': {
      setOption(st, opt, neg);
      const [host, mask] = value!.split('/', 2) as [string, string | undefined];
      const base = parseIPv4(host) !== null ? host : resolve?.(host);
      if (!base) usage(`host/network \`${host}' not found`);
      const c = parseCidr(mask === undefined ? base! : `${base}/${mask}`);
      if (!c) usage(`invalid mask \`${mask}' specified`);
      rule[opt === 's' ? 'src' : 'dst'] = { addr: c!.addr, mask: c!.mask, neg };
      break;
    }
    case 'i': case 'o':
      if (value === '') usage('Empty interface is likely to be undesired');
      setOption(st, opt, neg);
      rule[opt === 'i' ? 'inIf' : 'outIf'] = { name: value!, neg };
      break;
    case 'j':
      setOption(st, 'j', neg);
      st.jump = value!;
      if (['ACCEPT', 'DROP', 'REJECT', 'LOG', 'RETURN'].includes(st.jump)) rule.target = st.jump as Target;
      if (st.jump === 'LOG') Object.assign(st.targetOpts, LOG_OPTIONS);
      if (st.jump === 'REJECT') Object.assign(st.targetOpts, REJECT_OPTIONS);
      break;
    case 'm':
      if (value === 'tcp' || value === 'udp') {
        rule.l4 ??= { name: value };
        Object.assign(st.matchOpts, PORT_OPTIONS);
      } else if (value === 'conntrack') Object.assign(st.matchOpts, CONNTRACK_OPTIONS);
      else if (value === 'state') Object.assign(st.matchOpts, STATE_OPTIONS);
      else usage(`Couldn't load match \`${value}':No such file or directory`);
      break;
    default:
      extensionOption(rule, opt, value, neg);
  }
}
