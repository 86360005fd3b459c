/**
 * `iptables -L` and `iptables -S` text, column for column as iptables-nft 1.8.9
 * prints it (Debian 12). Note 1.8.9's quirk, kept on purpose: with -n the prot
 * column is numeric ("6", "0"), which learners will meet on real Debian 12 boxes.
 */
import { CHAINS, CT_STATES, type AddrMatch, type Chain, type Firewall, type PortMatch, type Rule } from './firewall.ts';
import { formatIPv4 } from './ip.ts';

export type ListFormat = { numeric: boolean; verbose: boolean; exact: boolean; lineNumbers: boolean };

const PROTO_NAME: Record<number, string> = { 0: 'all', 1: 'icmp', 6: 'tcp', 17: 'udp' };
/** The /etc/services entries a learner is likely to meet. */
const SERVICES: Record<number, string> = {
  22: 'ssh', 25: 'smtp', 53: 'domain', 80: 'http', 110: 'pop3', 143: 'imap2', 443: 'https',
  465: 'submissions', 587: 'submission', 993: 'imaps', 995: 'pop3s',
};
export const SERVICE_PORTS: Record<string, number> = Object.fromEntries(
  Object.entries(SERVICES).map(([p, n]) => [n, Number(p)]),
);
Object.assign(SERVICE_PORTS, { imap: 143, smtps: 465, dns: 53 });

const LEVELS = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];
export const LOG_LEVELS = LEVELS;

const pad = (s: string, n: number) => s.padEnd(n, ' ');
const lpad = (s: string, n: number) => s.padStart(n, ' ');

/** xtables_print_num: 5 columns with K/M/G suffixes, or 8 exact digits with -x. */
function num(n: number, f: ListFormat): string {
  if (f.exact) return `${lpad(String(n), 8)} `;
  if (n <= 99999) return `${lpad(String(n), 5)} `;
  let v = n;
  for (const unit of ['K', 'M', 'G', 'T']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999 || unit === 'T') return `${lpad(String(v), 4)}${unit} `;
  }
  return '';
}

function shortNum(n: number, f: ListFormat): string {
  return num(n, f).trim();
}

function prefixLen(mask: number): number {
  let p = 0;
  for (let m = mask >>> 0; m & 0x80000000; m = (m << 1) >>> 0) p++;
  return p;
}

function addr(m: AddrMatch | undefined, f: ListFormat, nameOf?: (ip: string) => string | undefined): string {
  if (!m || m.mask === 0) return f.numeric ? '0.0.0.0/0' : 'anywhere';
  const ip = formatIPv4(m.addr);
  const p = prefixLen(m.mask);
  const shown = f.numeric || p !== 32 ? ip : nameOf?.(ip) ?? ip;
  return p === 32 ? shown : `${shown}/${p}`;
}

function port(n: number, numeric: boolean): string {
  return numeric ? String(n) : SERVICES[n] ?? String(n);
}

function ports(label: string, m: PortMatch | undefined, numeric: boolean): string {
  if (!m) return '';
  const inv = m.neg ? '!' : '';
  if (m.min === m.max) return ` ${label}:${inv}${port(m.min, numeric)}`;
  return ` ${label}s:${inv}${port(m.min, numeric)}:${port(m.max, numeric)}`;
}

function states(r: Rule): string {
  return CT_STATES.filter((s) => r.state!.states.includes(s)).join(',');
}

/** Everything after the destination column: matches, then the target's own text. */
function extras(r: Rule, numeric: boolean): string {
  let out = '';
  if (r.l4) out += ` ${r.l4.name}${ports('spt', r.l4.sport, numeric)}${ports('dpt', r.l4.dport, numeric)}`;
  if (r.state) out += ` ${r.state.module === 'conntrack' ? 'ctstate' : 'state'} ${r.state.neg ? '! ' : ''}${states(r)}`;
  if (r.target === 'LOG') {
    const level = r.logLevel ?? 4;
    out += numeric ? ` LOG flags 0 level ${level}` : ` LOG level ${LEVELS[level]}`;
    if (r.logPrefix) out += ` prefix "${r.logPrefix}"`;
  }
  if (r.target === 'REJECT') out += ` reject-with ${r.rejectWith ?? 'icmp-port-unreachable'}`;
  return out;
}

function ruleLine(n: number, r: Rule, f: ListFormat, nameOf?: (ip: string) => string | undefined): string {
  let s = f.lineNumbers ? `${pad(String(n), 4)} ` : '';
  if (f.verbose) s += num(r.pkts, f) + num(r.bytes, f);
  s += `${pad(r.target, 9)} `;
  const proto = r.proto?.num ?? 0;
  s += (r.proto?.neg ? '!' : ' ') + `${pad(f.numeric ? String(proto) : PROTO_NAME[proto] ?? String(proto), 4)} `;
  s += '-- ';
  if (f.verbose) {
    const any = f.numeric ? '*' : 'any';
    s += ` ${pad((r.inIf?.neg ? '!' : '') + (r.inIf?.name ?? any), 6)} `;
    s += `${pad((r.outIf?.neg ? '!' : '') + (r.outIf?.name ?? any), 6)} `;
  }
  s += (r.src?.neg ? '!' : ' ') + `${pad(addr(r.src, f, nameOf), 19)} `;
  s += (r.dst?.neg ? '!' : ' ') + `${pad(addr(r.dst, f, nameOf), 19)} `;
  return s + extras(r, f.numeric);
}

function header(f: ListFormat): string {
  let s = f.lineNumbers ? 'num  ' : '';
  if (f.verbose) s += f.exact ? `${lpad('pkts', 8)} ${lpad('bytes', 10)} ` : ' pkts bytes ';
  s += `${pad('target', 9)}  prot opt`;
  if (f.verbose) s += ` ${pad('in', 6)} ${pad('out', 6)} `;
  return `${s} ${pad('source', 19)}  ${pad('destination', 19)} `;
}

/** `iptables -L [chain [rulenum]]`. */
export function listRules(fw: Firewall, chain: Chain | undefined, rulenum: number | undefined, f: ListFormat, nameOf?: (ip: string) => string | undefined): string {
  const out: string[] = [];
  for (const name of chain ? [chain] : CHAINS) {
    const c = fw.state.chains[name];
    if (rulenum !== undefined) {
      const r = c.rules[rulenum - 1];
      if (r) out.push(ruleLine(rulenum, r, f, nameOf));
      continue;
    }
    if (out.length) out.push('');
    const counts = f.verbose ? ` ${shortNum(c.pkts, f)} packets, ${shortNum(c.bytes, f)} bytes` : '';
    out.push(`Chain ${name} (policy ${c.policy}${counts})`);
    out.push(header(f));
    c.rules.forEach((r, i) => out.push(ruleLine(i + 1, r, f, nameOf)));
  }
  return out.length ? out.join('\n') + '\n' : '';
}

function saveAddr(letter: string, m: AddrMatch | undefined): string {
  if (!m) return '';
  return `${m.neg ? ' !' : ''} -${letter} ${formatIPv4(m.addr)}/${prefixLen(m.mask)}`;
}

function savePorts(opt: string, m: PortMatch | undefined): string {
  if (!m) return '';
  const v = m.min === m.max ? String(m.min) : `${m.min}:${m.max}`;
  return `${m.neg ? ' !' : ''} --${opt} ${v}`;
}

/** One rule in iptables-save syntax, without the leading "-A CHAIN". */
export function ruleSpec(r: Rule): string {
  let s = saveAddr('s', r.src) + saveAddr('d', r.dst);
  if (r.inIf) s += `${r.inIf.neg ? ' !' : ''} -i ${r.inIf.name}`;
  if (r.outIf) s += `${r.outIf.neg ? ' !' : ''} -o ${r.outIf.name}`;
  if (r.proto) s += `${r.proto.neg ? ' !' : ''} -p ${PROTO_NAME[r.proto.num] ?? r.proto.num}`;
  if (r.l4) s += ` -m ${r.l4.name}${savePorts('sport', r.l4.sport)}${savePorts('dport', r.l4.dport)}`;
  if (r.state) {
    const opt = r.state.module === 'conntrack' ? 'ctstate' : 'state';
    s += ` -m ${r.state.module}${r.state.neg ? ' !' : ''} --${opt} ${states(r)}`;
  }
  if (r.target) s += ` -j ${r.target}`;
  if (r.target === 'LOG') {
    if (r.logPrefix) s += ` --log-prefix "${r.logPrefix.replace(/(["\\])/g, '\\$1')}"`;
    if ((r.logLevel ?? 4) !== 4) s += ` --log-level ${r.logLevel}`;
  }
  if (r.target === 'REJECT') s += ` --reject-with ${r.rejectWith ?? 'icmp-port-unreachable'}`;
  return s.trimStart();
}

/** `iptables -S [chain [rulenum]]`. */
export function saveRules(fw: Firewall, chain: Chain | undefined, rulenum: number | undefined): string {
  const out: string[] = [];
  for (const name of chain ? [chain] : CHAINS) {
    const c = fw.state.chains[name];
    if (rulenum !== undefined) {
      const r = c.rules[rulenum - 1];
      if (r) out.push(`-A ${name} ${ruleSpec(r)}`.trimEnd());
      continue;
    }
    out.push(`-P ${name} ${c.policy}`);
  }
  if (rulenum === undefined) {
    for (const name of chain ? [chain] : CHAINS) {
      for (const r of fw.state.chains[name].rules) out.push(`-A ${name} ${ruleSpec(r)}`.trimEnd());
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
