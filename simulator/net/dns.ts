/**
 * DNS over the topology, with split horizon: the company resolver ns.corp.example
 * (10.0.0.53) answers the internal view (mail.corp.example → 10.0.0.25, LAN
 * PTRs, workstation names); everyone else sees the public view (mail →
 * 203.0.113.25, no LAN names, no 10.in-addr.arpa). Internal clients therefore
 * reach mail directly on the LAN, and only traffic leaving the site meets fw.
 * Names are looked up exactly as asked (like dig); `searchList` adds resolv.conf's
 * "search corp.example" for tools that use it (host, telnet, the mail server).
 */
import { dnsblLookup, dnsblTxt, OPEN_RESOLVER_CODE, type DnsblState } from './dnsbl.ts';
import { ipFromReverseName, reverseName } from './ip.ts';
import type { Host, Topology } from './topology.ts';

export type RRType = 'A' | 'MX' | 'PTR' | 'TXT' | 'NS' | 'SOA';
export const RR_TYPES: readonly RRType[] = ['A', 'MX', 'PTR', 'TXT', 'NS', 'SOA'];
export type RR = { name: string; ttl: number; type: RRType; data: string };
export type View = 'internal' | 'external';
export type DnsResponse = {
  rcode: 'NOERROR' | 'NXDOMAIN';
  /** Authoritative answer (the company resolver for its own zones). */
  aa: boolean;
  answer: RR[];
  authority: RR[];
};
export type QueryOptions = { view: View; dnsbl?: DnsblState; /** Asked through a public resolver (DNSBLs refuse those). */ openResolver?: boolean };

const fqdn = (n: string) => (n.endsWith('.') ? n : `${n}.`).toLowerCase();

type Zone = { apex: string; soa: string; internalOnly: boolean };
type Db = { records: Map<string, { view: View | 'both'; rr: RR }[]>; zones: Zone[] };
const dbs = new WeakMap<Topology, Db>();

function soaFor(apex: string, ns: string, mbox: string): string {
  return `${ns} ${mbox} 2026030301 3600 900 604800 300`;
}

function build(t: Topology): Db {
  const records: Db['records'] = new Map();
  const add = (view: View | 'both', name: string, type: RRType, data: string, ttl: number) => {
    const key = fqdn(name);
    const list = records.get(key) ?? [];
    list.push({ view, rr: { name: key, ttl, type, data } });
    records.set(key, list);
  };
  const corp = t.domain;
  const zones: Zone[] = [
    { apex: `${corp}.`, soa: soaFor(corp, `ns.${corp}.`, `hostmaster.${corp}.`), internalOnly: false },
    { apex: '0.0.10.in-addr.arpa.', soa: soaFor('', `ns.${corp}.`, `hostmaster.${corp}.`), internalOnly: true },
    { apex: '113.0.203.in-addr.arpa.', soa: soaFor('', 'ns.isp.example.', 'hostmaster.isp.example.'), internalOnly: false },
    { apex: '100.51.198.in-addr.arpa.', soa: soaFor('', 'ns.isp.example.', 'hostmaster.isp.example.'), internalOnly: false },
    { apex: '2.0.192.in-addr.arpa.', soa: soaFor('', 'ns.isp.example.', 'hostmaster.isp.example.'), internalOnly: false },
    { apex: `${t.dnsblZone}.`, soa: soaFor('', `ns1.dnsbl.example.`, 'hostmaster.dnsbl.example.'), internalOnly: false },
  ];
  for (const h of t.hosts) {
    const lan = h.interfaces.find((i) => i.network === 'lan')?.ip;
    const pub = h.publicIp ?? h.interfaces.find((i) => i.network !== 'lan')?.ip;
    if (h.zone === 'corp') {
      if (lan) add('internal', h.name, 'A', lan, 300);
      if (pub) add('external', h.name, 'A', pub, 300);
      if (lan) add('internal', reverseName(lan), 'PTR', fqdn(h.name), 3600);
    } else {
      add('both', h.name, 'A', pub!, 300);
      const apex = h.name.split('.').slice(-2).join('.');
      if (!zones.some((z) => z.apex === `${apex}.`)) zones.push({ apex: `${apex}.`, soa: soaFor(apex, `ns.${apex}.`, `hostmaster.${apex}.`), internalOnly: false });
    }
    if (pub) add('both', reverseName(pub), 'PTR', fqdn(h.name), 3600);
  }
  for (const m of t.mx) add('both', m.domain, 'MX', `${m.preference} ${fqdn(m.exchange)}`, 3600);
  add('both', corp, 'NS', `ns.${corp}.`, 3600);
  add('both', corp, 'TXT', '"v=spf1 mx -all"', 3600);
  zones.sort((a, b) => b.apex.length - a.apex.length);
  return { records, zones };
}

function db(t: Topology): Db {
  let d = dbs.get(t);
  if (!d) dbs.set(t, (d = build(t)));
  return d;
}

function zoneOf(d: Db, name: string): Zone | undefined {
  // Zones are kept longest apex first, so the first hit is the closest enclosing zone.
  return d.zones.find((z) => name === z.apex || name.endsWith(`.${z.apex}`));
}

const ROOT_SOA: RR = { name: '.', ttl: 86400, type: 'SOA', data: 'a.root-servers.net. nstld.verisign-grs.com. 2026030300 1800 900 604800 86400' };

/** Answer one question the way a recursive resolver would. */
export function query(t: Topology, name: string, type: RRType, opts: QueryOptions): DnsResponse {
  const d = db(t);
  const q = fqdn(name);
  const zone = zoneOf(d, q);
  const visibleZone = zone && !(zone.internalOnly && opts.view === 'external') ? zone : undefined;
  const aa = opts.view === 'internal' && !!visibleZone && (visibleZone.apex === `${t.domain}.` || visibleZone.internalOnly);
  const soa = (): RR[] => (visibleZone ? [{ name: visibleZone.apex, ttl: 300, type: 'SOA', data: visibleZone.soa }] : [ROOT_SOA]);

  if (visibleZone && visibleZone.apex === `${t.dnsblZone}.` && q !== visibleZone.apex) {
    return dnsblAnswer(t, q, type, opts, soa);
  }
  const all = (d.records.get(q) ?? []).filter((r) => r.view === 'both' || r.view === opts.view).map((r) => r.rr);
  const exists = all.length > 0 || (!!visibleZone && q === visibleZone.apex);
  if (!exists) return { rcode: 'NXDOMAIN', aa, answer: [], authority: soa() };
  if (type === 'SOA' && visibleZone && q === visibleZone.apex) {
    return { rcode: 'NOERROR', aa, answer: soa().map((r) => ({ ...r, ttl: 3600 })), authority: [] };
  }
  const answer = all.filter((r) => r.type === type);
  return { rcode: 'NOERROR', aa, answer, authority: answer.length ? [] : soa() };
}

function dnsblAnswer(t: Topology, q: string, type: RRType, opts: QueryOptions, soa: () => RR[]): DnsResponse {
  const label = q.slice(0, -(t.dnsblZone.length + 2));
  const ip = ipFromReverseName(`${label}.in-addr.arpa`);
  if (opts.openResolver) {
    const rr: RR[] = type === 'A' ? [{ name: q, ttl: 60, type: 'A', data: OPEN_RESOLVER_CODE }] : [];
    return { rcode: 'NOERROR', aa: false, answer: rr, authority: rr.length ? [] : soa() };
  }
  const listing = ip ? dnsblLookup(opts.dnsbl ?? { zone: t.dnsblZone, listings: {} }, ip) : undefined;
  if (!ip || !listing) return { rcode: 'NXDOMAIN', aa: false, answer: [], authority: soa() };
  const answer: RR[] =
    type === 'A' ? listing.codes.map((c) => ({ name: q, ttl: 60, type: 'A' as const, data: c }))
    : type === 'TXT' ? listing.codes.map((c) => ({ name: q, ttl: 60, type: 'TXT' as const, data: `"${dnsblTxt(c, ip)}"` }))
    : [];
  return { rcode: 'NOERROR', aa: false, answer, authority: answer.length ? [] : soa() };
}

/** The view a host's default resolver gives it. */
export function viewFor(h: Host): View {
  return h.zone === 'corp' ? 'internal' : 'external';
}

/** resolv.conf "search" domains: corp hosts search corp.example; names with a dot are tried as-is first. */
export function searchList(t: Topology, h: Host, name: string): string[] {
  const bare = name.replace(/\.$/, '');
  if (name.endsWith('.')) return [bare];
  const searched = h.zone === 'corp' ? [`${bare}.${t.domain}`] : [];
  return bare.includes('.') ? [bare, ...searched] : [...searched, bare];
}

/** resolveA answers per topology, keyed by the asking host's zone (its view and search list) and the name. */
const aCache = new WeakMap<Topology, Map<string, string | undefined>>();

/** Name (or dotted quad) to IPv4 address as seen from `from`, using its search list. */
export function resolveA(t: Topology, name: string, from: Host): string | undefined {
  // The A records come from the topology alone (DNSBL names are never asked with listings here), so answers can be kept.
  let cache = aCache.get(t);
  if (!cache) aCache.set(t, (cache = new Map()));
  const key = `${from.zone}|${name}`;
  if (cache.has(key)) return cache.get(key);
  const ip = lookupA(t, name, from);
  cache.set(key, ip);
  return ip;
}

function lookupA(t: Topology, name: string, from: Host): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
  for (const n of searchList(t, from, name)) {
    const a = query(t, n, 'A', { view: viewFor(from) }).answer[0];
    if (a) return a.data;
  }
  return undefined;
}

/** Reverse lookup as `from` sees it (LAN addresses have names only inside). */
export function resolvePtr(t: Topology, ip: string, from: Host | View): string | undefined {
  const view = typeof from === 'string' ? from : viewFor(from);
  return query(t, reverseName(ip), 'PTR', { view }).answer[0]?.data.replace(/\.$/, '');
}

/** MX hosts for a mail domain, best preference first (empty when there is no MX). */
export function resolveMx(t: Topology, domain: string, view: View = 'external'): { preference: number; exchange: string }[] {
  return query(t, domain, 'MX', { view }).answer
    .map((r) => {
      const [p, x] = r.data.split(' ');
      return { preference: Number(p), exchange: x!.replace(/\.$/, '') };
    })
    .sort((a, b) => a.preference - b.preference);
}

/** What a mail server's DNSBL check sees for a client address: the A codes, empty when not listed. */
export function dnsblCodes(t: Topology, ip: string, opts: QueryOptions): string[] {
  const name = `${reverseName(ip).replace(/\.in-addr\.arpa$/, '')}.${t.dnsblZone}`;
  return query(t, name, 'A', opts).answer.map((r) => r.data);
}
