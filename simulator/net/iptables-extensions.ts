/**
 * The options that matches and targets add once loaded (tcp/udp ports, conntrack/state,
 * LOG, REJECT): their long names, and what each writes into the rule being built.
 */
import { CT_STATES, type CtState, type PortMatch, type Rule } from './firewall.ts';
import { LOG_LEVELS, SERVICE_PORTS } from './iptables-list.ts';
import { usage } from './iptables-messages.ts';

/** The long options each extension adds when loaded (name → option). */
export const PORT_OPTIONS = { 'source-port': 'sport', sport: 'sport', 'destination-port': 'dport', dport: 'dport' };
export const CONNTRACK_OPTIONS = { ctstate: 'ctstate' };
export const STATE_OPTIONS = { state: 'state' };
export const LOG_OPTIONS = { 'log-prefix': 'log-prefix', 'log-level': 'log-level' };
export const REJECT_OPTIONS = { 'reject-with': 'reject-with' };

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

/** Apply one extension option ("--dport", …); any other option is ignored here. */
export function extensionOption(rule: Rule, opt: string, value: string | undefined, neg: boolean): void {
  switch (opt) {
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
}
