/**
 * `host` as it prints on Debian 12 (bind9 9.18), over dns.ts: reverse lookups for
 * addresses, the search list and A + MX for names, one line per record.
 */
import { query, searchList, RR_TYPES, type RR, type RRType } from './dns.ts';
import { serverFor, type CommandResult, type DnsToolContext } from './dns-tool-context.ts';
import { isIPv4, reverseName } from './ip.ts';

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
