/**
 * `dig` as it behaves on Debian 12 (bind9 9.18), over dns.ts: its arguments, the
 * errors when no server answers, +search and +short. The full report's text is in
 * dns-dig-output.ts. Query ids and times come from the seeded generator, or a hash
 * of the question when there is none, so output is deterministic.
 */
import { query, resolveA, searchList, RR_TYPES, type RRType } from './dns.ts';
import { DIG_VERSION, digOutput } from './dns-dig-output.ts';
import { serverFor, type CommandResult, type DnsToolContext } from './dns-tool-context.ts';
import { isIPv4, reverseName } from './ip.ts';

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
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
  const stdout = digOutput({ echo, at, server: srv.ip, qname, type, res, id, ms, now: ctx.now, all: flags.all, answer: flags.answer });
  return { stdout, stderr: '', exitCode: 0 };
}
