/**
 * `dig` and `host` as they print on Debian 12 (bind9 9.18), over dns.ts. Output
 * is deterministic: query ids and times come from the seeded generator (or a
 * hash of the question), WHEN from the virtual clock.
 */
import type { SeededRandom } from '../core/rng.ts';
import { query, resolveA, searchList, viewFor, RR_TYPES, type DnsResponse, type RR, type RRType, type View } from './dns.ts';
import type { DnsblState } from './dnsbl.ts';
import { isIPv4, reverseName } from './ip.ts';
import { hostByIp, type Host, type Topology } from './topology.ts';

export type CommandResult = { stdout: string; stderr: string; exitCode: number };
export type DnsToolContext = { topology: Topology; dnsbl?: DnsblState; from: Host; now: number; rng?: SeededRandom };

const DIG_VERSION = 'DiG 9.18.33-1~deb12u2-Debian';
type Server = { ip: string; view: View; open: boolean; authoritativeFor?: string };

/** Which resolvers answer, and whom: the company one only from inside. */
function serverFor(ctx: DnsToolContext, at: string | undefined): Server | 'unreachable' | 'refused' | 'unknown' {
  const t = ctx.topology;
  const ip = at === undefined ? (ctx.from.zone === 'corp' ? t.resolvers.internal : t.resolvers.public) : isIPv4(at) ? at : resolveA(t, at, ctx.from);
  if (!ip) return 'unknown';
  if (ip === t.resolvers.internal) return ctx.from.zone === 'corp' ? { ip, view: 'internal', open: false } : 'unreachable';
  if (ip === t.resolvers.public) return { ip, view: 'external', open: true };
  const h = hostByIp(t, ip);
  if (h?.role === 'dnsbl') return { ip, view: 'external', open: false };
  return h ? 'refused' : 'unreachable';
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** BIND's master-file columns: owner, TTL at 24, class at 32, type at 40, data at 48. */
function columns(parts: [string, number][]): string {
  let out = '';
  let col = 0;
  for (const [text, target] of parts) {
    if (out) {
      let tabs = Math.max(1, Math.floor(target / 8) - Math.floor(col / 8));
      while (tabs-- > 0) col = (Math.floor(col / 8) + 1) * 8, (out += '\t');
    }
    out += text;
    col += text.length;
  }
  return out;
}

const rrLine = (r: RR) => columns([[r.name, 0], [String(r.ttl), 24], ['IN', 32], [r.type, 40], [r.data, 48]]);

function wireLen(name: string): number {
  return name === '.' ? 1 : name.replace(/\.$/, '').split('.').reduce((n, l) => n + l.length + 1, 1);
}

function rdataLen(r: RR): number {
  switch (r.type) {
    case 'A': return 4;
    case 'MX': return 2 + wireLen(r.data.split(' ')[1]!);
    case 'TXT': return r.data.length - 1;
    case 'SOA': { const [m, rname] = r.data.split(' '); return wireLen(m!) + wireLen(rname!) + 20; }
    default: return wireLen(r.data);
  }
}

function msgSize(qname: string, res: DnsResponse): number {
  const rrs = [...res.answer, ...res.authority];
  return 12 + wireLen(qname) + 4 + rrs.reduce((n, r) => n + (r.name === qname ? 2 : wireLen(r.name)) + 10 + rdataLen(r), 0) + 11;
}

function whenStamp(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day} ${mon} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const fq = (n: string) => (n.endsWith('.') ? n : `${n}.`);

/** `dig [@server] [-x addr] [-t type] [name] [type] [+short] [+noall] [+answer] [+search]`. */
export function dig(ctx: DnsToolContext, argv: readonly string[]): CommandResult {
  const args = argv[0] === 'dig' ? argv.slice(1) : argv;
  let name: string | undefined;
  let type: RRType | undefined;
  let at: string | undefined;
  const flags = { short: false, all: true, answer: true, search: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('@')) at = a.slice(1);
    else if (a === '-x') {
      const ip = args[++i] ?? '';
      if (!isIPv4(ip)) return { stdout: '', stderr: `Invalid IP address ${ip}\n`, exitCode: 1 };
      name = reverseName(ip);
      type ??= 'PTR';
    } else if (a === '-t') {
      const t = (args[++i] ?? '').toUpperCase();
      if (!(RR_TYPES as readonly string[]).includes(t)) return { stdout: '', stderr: `;; Warning, ignoring invalid type ${args[i]}\n`, exitCode: 0 };
      type = t as RRType;
    } else if (a.startsWith('+')) {
      const opt = a.slice(1).toLowerCase();
      if (opt === 'short') flags.short = true;
      else if (opt === 'noall') flags.all = flags.answer = false;
      else if (opt === 'answer') flags.answer = true;
      else if (opt === 'all') flags.all = flags.answer = true;
      else if (opt === 'search') flags.search = true;
      else if (!['nosearch', 'cmd', 'nocmd', 'recurse', 'stats', 'nostats', 'comments', 'nocomments'].includes(opt)) {
        return { stdout: '', stderr: `Invalid option: ${a}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n`, exitCode: 1 };
      }
    } else if ((RR_TYPES as readonly string[]).includes(a.toUpperCase()) && type === undefined) type = a.toUpperCase() as RRType;
    else if (a.toUpperCase() === 'IN') continue;
    else if (name === undefined) name = a;
  }
  name ??= '.';
  type ??= name === '.' ? 'NS' : 'A';
  const echo = args.join(' ');
  const srv = serverFor(ctx, at);
  if (typeof srv === 'string') {
    const target = at ?? '';
    const err = srv === 'unknown' ? `dig: couldn't get address for '${target}': not found\n` : '';
    if (err) return { stdout: '', stderr: err, exitCode: 10 };
    const why = srv === 'refused' ? 'connection refused' : 'timed out';
    const line = `;; communications error to ${srv === 'refused' ? resolveA(ctx.topology, target, ctx.from) ?? target : target}#53: ${why}\n`;
    return {
      stdout: `${line.repeat(3)}\n; <<>> ${DIG_VERSION} <<>> ${echo}\n; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n`,
      stderr: '', exitCode: 9,
    };
  }
  let qname = fq(name);
  let res = query(ctx.topology, qname, type, { view: srv.view, dnsbl: ctx.dnsbl, openResolver: srv.open });
  if (flags.search && !name.endsWith('.')) {
    for (const n of searchList(ctx.topology, ctx.from, name)) {
      const r = query(ctx.topology, n, type, { view: srv.view, dnsbl: ctx.dnsbl, openResolver: srv.open });
      if (r.rcode === 'NOERROR') { qname = fq(n); res = r; break; }
    }
  }
  if (flags.short) return { stdout: res.answer.map((r) => `${r.data}\n`).join(''), stderr: '', exitCode: 0 };

  const id = ctx.rng ? ctx.rng.int(1, 65535) : (hash(`${qname}/${type}`) % 65535) + 1;
  const ms = res.aa ? 0 : ctx.rng ? ctx.rng.int(8, 40) : (hash(qname) % 33) + 8;
  const out: string[] = [];
  if (flags.all) {
    out.push('', `; <<>> ${DIG_VERSION} <<>> ${echo}`);
    if (at) out.push('; (1 server found)');
    out.push(';; global options: +cmd', ';; Got answer:',
      `;; ->>HEADER<<- opcode: QUERY, status: ${res.rcode}, id: ${id}`,
      `;; flags: qr${res.aa ? ' aa' : ''} rd ra; QUERY: 1, ANSWER: ${res.answer.length}, AUTHORITY: ${res.authority.length}, ADDITIONAL: 1`,
      '', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232',
      ';; QUESTION SECTION:', columns([[`;${qname}`, 0], ['IN', 32], [type, 40]]), '');
  }
  if (flags.answer && res.answer.length) {
    if (flags.all) out.push(';; ANSWER SECTION:');
    out.push(...res.answer.map(rrLine));
    if (flags.all) out.push('');
  }
  if (flags.all) {
    if (res.authority.length) out.push(';; AUTHORITY SECTION:', ...res.authority.map(rrLine), '');
    out.push(`;; Query time: ${ms} msec`, `;; SERVER: ${srv.ip}#53(${srv.ip}) (UDP)`, `;; WHEN: ${whenStamp(ctx.now)}`,
      `;; MSG SIZE  rcvd: ${msgSize(qname, res)}`, '');
  }
  return { stdout: out.length ? out.join('\n') + '\n' : '', stderr: '', exitCode: 0 };
}

function hostLine(r: RR): string {
  const owner = r.name.replace(/\.$/, '');
  switch (r.type) {
    case 'A': return `${owner} has address ${r.data}`;
    case 'MX': return `${owner} mail is handled by ${r.data}`;
    case 'PTR': return `${owner} domain name pointer ${r.data}`;
    case 'TXT': return `${owner} descriptive text ${r.data}`;
    case 'NS': return `${owner} name server ${r.data}`;
    case 'SOA': return `${owner} has SOA record ${r.data}`;
  }
}

/** `host [-t type] name-or-address [server]`. */
export function host(ctx: DnsToolContext, argv: readonly string[]): CommandResult {
  const args = argv[0] === 'host' ? argv.slice(1) : argv;
  let type: RRType | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t') {
      const t = (args[++i] ?? '').toUpperCase();
      if (!(RR_TYPES as readonly string[]).includes(t)) return { stdout: '', stderr: `host: invalid type: ${args[i]}\n`, exitCode: 1 };
      type = t as RRType;
    } else if (a.startsWith('-')) continue;
    else rest.push(a);
  }
  const [target, at] = rest;
  if (!target) return { stdout: '', stderr: 'Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n', exitCode: 1 };
  const srv = serverFor(ctx, at);
  const header = at && typeof srv !== 'string' ? `Using domain server:\nName: ${at}\nAddress: ${srv.ip}#53\nAliases: \n\n` : '';
  if (typeof srv === 'string') {
    if (srv === 'unknown') return { stdout: '', stderr: `host: couldn't get address for '${at}': not found\n`, exitCode: 1 };
    return { stdout: ';; connection timed out; no servers could be reached\n', stderr: '', exitCode: 1 };
  }
  const opts = { view: srv.view, dnsbl: ctx.dnsbl, openResolver: srv.open };
  const t = ctx.topology;
  if (isIPv4(target)) {
    const rev = reverseName(target);
    const res = query(t, rev, type ?? 'PTR', opts);
    if (res.rcode === 'NXDOMAIN') return { stdout: `${header}Host ${rev}. not found: 3(NXDOMAIN)\n`, stderr: '', exitCode: 1 };
    return { stdout: header + res.answer.map((r) => `${hostLine(r)}\n`).join(''), stderr: '', exitCode: 0 };
  }
  // host uses the search list; the first name that exists wins.
  const names = searchList(t, ctx.from, target);
  for (const n of names) {
    const types: RRType[] = type ? [type] : ['A', 'MX'];
    const results = types.map((ty) => query(t, n, ty, opts));
    if (results[0]!.rcode === 'NXDOMAIN') continue;
    const lines = results.flatMap((r) => r.answer.map(hostLine));
    if (type && !lines.length) lines.push(`${n} has no ${type} record`);
    return { stdout: header + lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
  }
  return { stdout: `${header}Host ${target.replace(/\.$/, '')} not found: 3(NXDOMAIN)\n`, stderr: '', exitCode: 1 };
}
