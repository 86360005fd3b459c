/**
 * The simulated network as plain data (design.md §4). Plain objects only, so a
 * lab can describe, save and diff a topology; lookups build their indexes on the
 * side (WeakMap) instead of hanging them on the object.
 *
 * Modelling choice (documented in ARCHITECTURE): mail.corp.example has one real
 * interface, 10.0.0.25, and is published as 203.0.113.25 by a 1:1 NAT on fw —
 * the common small-company setup. fw's FORWARD chain therefore sees the mail
 * server as 10.0.0.25 in both directions, and `-s 10.0.0.25` exempts it.
 */
import { FW_HOST, FW_PUBLIC_IP, MAIL_HOST, MAIL_LAN_IP, MAIL_PUBLIC_IP, OPS_HOST, OUTSIDE_HOST } from './corp-hosts.ts';
import { SeededRandom } from '../core/rng.ts';
import { cidrContains } from './ip.ts';

export type NetworkId = 'lan' | 'public' | 'internet';
export type HostRole =
  | 'firewall' | 'mail' | 'resolver' | 'admin' | 'workstation'
  | 'router' | 'mx' | 'spammer' | 'isp' | 'dnsbl' | 'probe';

export type NetInterface = { name: string; ip: string; network: NetworkId };

export type Host = {
  /** Fully qualified name without trailing dot: "ws07.corp.example". */
  name: string;
  short: string;
  /** Extra names accepted by hostByName (e.g. "spammer"); DNS does not know them. */
  aliases: string[];
  role: HostRole;
  zone: 'corp' | 'internet';
  os: 'linux' | 'windows';
  interfaces: NetInterface[];
  /** Address the Internet knows this host by, when fw publishes it by 1:1 NAT. */
  publicIp?: string;
  /** Employee who uses this workstation. */
  user?: string;
  infected?: boolean;
};

export type Network = { id: NetworkId; cidrs: string[]; description: string };
export type MxRecord = { domain: string; preference: number; exchange: string };

export type Topology = {
  seed: number;
  domain: string;
  networks: Network[];
  hosts: Host[];
  firewall: {
    host: string;
    external: { iface: string; ip: string };
    internal: { iface: string; ip: string };
    /** LAN traffic to the Internet leaves with fw's own public address. */
    masquerade: { source: string; toIp: string };
    staticNat: { insideIp: string; publicIp: string }[];
  };
  resolvers: { internal: string; public: string };
  mx: MxRecord[];
  dnsblZone: string;
};

export type TopologyOptions = { seed: number; workstations?: number; infected?: readonly (string | number)[] };

/** Fixed staff list; which desk each person sits at depends on the seed. */
export const EMPLOYEES = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy',
  'karen', 'leo', 'maria', 'nina', 'oscar', 'peggy', 'quentin', 'rita', 'sam', 'tina',
  'ursula', 'victor', 'wendy', 'xavier', 'yusuf', 'zoe', 'amir', 'bianca', 'chen', 'dmitri',
  'elena', 'farid', 'gita', 'hans', 'ines', 'jonas', 'kofi', 'lena', 'mateo', 'noor',
] as const;

const CORP = 'corp.example';

/** Desks that fit 10.0.0.101..254; a bigger company (the bench's 200 desks) spills into 10.0.1.0/24, and the LAN becomes 10.0.0.0/23. */
const DESKS_IN_FIRST_24 = 154;
/** Most desks a topology can have: 10.0.0.101..254 plus 10.0.1.1..254. */
export const MAX_WORKSTATIONS = DESKS_IN_FIRST_24 + 254;

/**
 * The staff list for `count` desks: the fixed EMPLOYEES, then (only for more
 * than 40 desks) the same names numbered again: alice2, bob2, ... alice3.
 */
export function staffNames(count: number): readonly string[] {
  if (count <= EMPLOYEES.length) return EMPLOYEES;
  return Array.from({ length: count }, (_, i) => (i < EMPLOYEES.length ? EMPLOYEES[i]! : `${EMPLOYEES[i % EMPLOYEES.length]}${Math.floor(i / EMPLOYEES.length) + 1}`));
}

/** LAN address of desk i (0-based). */
function deskIp(i: number): string {
  return i < DESKS_IN_FIRST_24 ? `10.0.0.${101 + i}` : `10.0.1.${1 + i - DESKS_IN_FIRST_24}`;
}

function host(name: string, role: HostRole, zone: Host['zone'], ifs: [string, string, NetworkId][], extra: Partial<Host> = {}): Host {
  return {
    name,
    short: name.split('.')[0]!,
    aliases: [],
    role,
    zone,
    os: 'linux',
    interfaces: ifs.map(([n, ip, network]) => ({ name: n, ip, network })),
    ...extra,
  };
}

function shuffled<T>(rng: SeededRandom, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function wsName(i: number): string {
  return `ws${String(i).padStart(2, '0')}`;
}

export function buildDefaultTopology(opts: TopologyOptions): Topology {
  const count = opts.workstations ?? 24;
  if (count < 1 || count > MAX_WORKSTATIONS) throw new RangeError(`workstations must be 1..${MAX_WORKSTATIONS}`);
  // One generator per concern, so adding a draw to one never shifts the other.
  const staff = shuffled(new SeededRandom(opts.seed ^ 0x5eed0001), staffNames(count));
  const lanCidr = count > DESKS_IN_FIRST_24 ? '10.0.0.0/23' : '10.0.0.0/24';
  const names = Array.from({ length: count }, (_, i) => wsName(i + 1));
  const infected = new Set(
    opts.infected
      ? opts.infected.map((x) => (typeof x === 'number' ? wsName(x) : x.split('.')[0]!))
      : (() => {
          const rng = new SeededRandom(opts.seed ^ 0x5eed0002);
          return rng.sample(names, Math.min(count, rng.int(2, 4)));
        })(),
  );

  const corp: Host[] = [
    host(FW_HOST, 'firewall', 'corp', [['eth0', FW_PUBLIC_IP, 'public'], ['eth1', '10.0.0.1', 'lan']]),
    host(`ns.${CORP}`, 'resolver', 'corp', [['eth0', '10.0.0.53', 'lan']]),
    host(MAIL_HOST, 'mail', 'corp', [['eth0', MAIL_LAN_IP, 'lan']], { publicIp: MAIL_PUBLIC_IP }),
    host(OPS_HOST, 'admin', 'corp', [['eth0', '10.0.0.10', 'lan']]),
    ...names.map((n, i) =>
      host(`${n}.${CORP}`, 'workstation', 'corp', [['eth0', deskIp(i), 'lan']], {
        os: 'windows',
        user: staff[i]!,
        infected: infected.has(n),
      }),
    ),
  ];
  const net: Host[] = [
    host('gw.isp.example', 'router', 'internet', [['eth0', '203.0.113.1', 'public']]),
    host('dns.isp.example', 'resolver', 'internet', [['eth0', '198.51.100.53', 'internet']]),
    host('mail.isp.example', 'isp', 'internet', [['eth0', '198.51.100.30', 'internet']], { aliases: ['abuse-desk'] }),
    host('mx.example.net', 'mx', 'internet', [['eth0', '198.51.100.7', 'internet']]),
    host('mx.bigmail.example', 'mx', 'internet', [['eth0', '198.51.100.20', 'internet']]),
    host('mx.example.com', 'mx', 'internet', [['eth0', '198.51.100.21', 'internet']]),
    host('mx.freemail.example', 'mx', 'internet', [['eth0', '198.51.100.22', 'internet']]),
    // A dynamic-looking PTR, as real bulk senders have (and what PBL listings target).
    host('198-51-100-66.dyn.example.org', 'spammer', 'internet', [['eth0', '198.51.100.66', 'internet']], { aliases: ['spammer'] }),
    host('ns1.dnsbl.example', 'dnsbl', 'internet', [['eth0', '192.0.2.53', 'internet']]),
    host(OUTSIDE_HOST, 'probe', 'internet', [['eth0', '192.0.2.50', 'internet']], { aliases: ['outside'] }),
  ];

  return {
    seed: opts.seed,
    domain: CORP,
    networks: [
      { id: 'lan', cidrs: [lanCidr], description: 'corp.example office LAN' },
      { id: 'public', cidrs: ['203.0.113.0/24'], description: "corp.example's public block (fw uplink, 1:1 NAT)" },
      { id: 'internet', cidrs: ['198.51.100.0/24', '192.0.2.0/24'], description: 'the rest of the Internet' },
    ],
    hosts: [...corp, ...net],
    firewall: {
      host: `fw.${CORP}`,
      external: { iface: 'eth0', ip: '203.0.113.10' },
      internal: { iface: 'eth1', ip: '10.0.0.1' },
      masquerade: { source: lanCidr, toIp: '203.0.113.10' },
      staticNat: [{ insideIp: '10.0.0.25', publicIp: '203.0.113.25' }],
    },
    resolvers: { internal: '10.0.0.53', public: '198.51.100.53' },
    mx: [
      { domain: CORP, preference: 10, exchange: `mail.${CORP}` },
      { domain: 'example.net', preference: 10, exchange: 'mx.example.net' },
      { domain: 'bigmail.example', preference: 10, exchange: 'mx.bigmail.example' },
      { domain: 'example.com', preference: 10, exchange: 'mx.example.com' },
      { domain: 'freemail.example', preference: 10, exchange: 'mx.freemail.example' },
      { domain: 'isp.example', preference: 10, exchange: 'mail.isp.example' },
    ],
    dnsblZone: 'zen.dnsbl.example',
  };
}

type Index = { byName: Map<string, Host>; byIp: Map<string, Host> };
const indexes = new WeakMap<Topology, Index>();

function index(t: Topology): Index {
  let idx = indexes.get(t);
  if (!idx) {
    idx = { byName: new Map(), byIp: new Map() };
    for (const h of t.hosts) {
      for (const n of [h.name, ...h.aliases]) idx.byName.set(n.toLowerCase(), h);
      if (h.zone === 'corp') idx.byName.set(h.short.toLowerCase(), h);
      for (const i of h.interfaces) if (!idx.byIp.has(i.ip)) idx.byIp.set(i.ip, h);
      if (h.publicIp) idx.byIp.set(h.publicIp, h);
    }
    indexes.set(t, idx);
  }
  return idx;
}

/** "mail", "mail.corp.example" or "mail.corp.example." (any case). Short names only for corp hosts. */
export function hostByName(t: Topology, name: string): Host | undefined {
  const byName = index(t).byName;
  // Most callers pass a canonical name already: try it as is before normalising.
  return byName.get(name) ?? byName.get(name.replace(/\.$/, '').toLowerCase());
}

/** The host owning an address; 203.0.113.25 gives mail (published by fw's 1:1 NAT). */
export function hostByIp(t: Topology, ip: string): Host | undefined {
  return index(t).byIp.get(ip);
}

export function primaryIp(h: Host): string {
  return h.interfaces[0]!.ip;
}

export function networkOf(t: Topology, ip: string): NetworkId | undefined {
  return t.networks.find((n) => n.cidrs.some((c) => cidrContains(c, ip)))?.id;
}

export function workstations(t: Topology): Host[] {
  return t.hosts.filter((h) => h.role === 'workstation');
}

export function infectedHosts(t: Topology): Host[] {
  return t.hosts.filter((h) => h.infected);
}
