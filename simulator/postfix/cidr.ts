/**
 * Network patterns as Postfix's mynetworks accepts them: `a.b.c.d`,
 * `a.b.c.d/len`, `[ipv6]/len`, bare IPv6, and host names (matched against the
 * client's verified name). Twenty-odd lines instead of a dependency: the
 * relay decision runs for every simulated message, so it must be cheap.
 */
export interface NetPattern {
  readonly text: string;
  readonly kind: 'v4' | 'v6' | 'name';
  readonly bits?: bigint;
  readonly len?: number;
}

export function parseIPv4(ip: string): bigint | undefined {
  const p = ip.split('.');
  if (p.length !== 4 || !p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255)) return undefined;
  return p.reduce((acc, x) => (acc << 8n) | BigInt(Number(x)), 0n);
}

export function parseIPv6(ip: string): bigint | undefined {
  const v = ip.replace(/^ipv6:/i, '');
  if (!/^[0-9a-f:.]+$/i.test(v) || v.split('::').length > 2) return undefined;
  let tail4: bigint | undefined;
  let body = v;
  const lastColon = v.lastIndexOf(':');
  if (v.includes('.')) {
    tail4 = parseIPv4(v.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    body = v.slice(0, lastColon + 1) + '0:0';
  }
  const [head = '', rest] = body.split('::');
  const hs = head ? head.split(':') : [];
  const rs = rest ? rest.split(':') : [];
  const missing = 8 - hs.length - rs.length;
  if ((rest === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...hs, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...rs];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  let n = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail4 !== undefined) n = (n & ~0xffffffffn) | tail4;
  return n;
}

/** Returns the pattern, or an error string in Postfix wording. */
export function parseNetPattern(raw: string): NetPattern | string {
  const m = /^\[?([^\]/]+)\]?(?:\/(\d+))?$/.exec(raw);
  if (!m) return `bad net/mask pattern: "${raw}"`;
  const addr = m[1]!;
  const v4 = parseIPv4(addr);
  const v6 = v4 === undefined ? parseIPv6(addr) : undefined;
  if (v4 === undefined && v6 === undefined) {
    if (m[2] !== undefined || raw.startsWith('[') || /^[\d.]+$/.test(addr)) return `bad net/mask pattern: "${raw}"`;
    return { text: raw, kind: 'name' };
  }
  const width = v4 !== undefined ? 32 : 128;
  const len = m[2] === undefined ? width : Number(m[2]);
  if (len > width) return `bad net/mask pattern: "${raw}"`;
  const bits = (v4 ?? v6)!;
  const mask = len === 0 ? 0n : ((1n << BigInt(len)) - 1n) << BigInt(width - len);
  if ((bits & ~mask & ((1n << BigInt(width)) - 1n)) !== 0n) {
    const fixed = v4 !== undefined ? formatIPv4(bits & mask) : undefined;
    return `non-null host address bits in "${raw}", perhaps you should use "${fixed ?? raw}/${len}" instead`;
  }
  return { text: raw, kind: v4 !== undefined ? 'v4' : 'v6', bits, len };
}

export function formatIPv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

export function matchNet(p: NetPattern, ip: string, hostname?: string): boolean {
  if (p.kind === 'name') return !!hostname && hostname.toLowerCase() === p.text.toLowerCase();
  const width = p.kind === 'v4' ? 32 : 128;
  let addr = p.kind === 'v4' ? parseIPv4(ip) : parseIPv6(ip);
  // An IPv4-mapped IPv6 client matches IPv4 patterns, as Postfix normalises it.
  if (addr === undefined && p.kind === 'v4') {
    const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (m) addr = parseIPv4(m[1]!);
  }
  if (addr === undefined || p.bits === undefined || p.len === undefined) return false;
  const shift = BigInt(width - p.len);
  return addr >> shift === p.bits >> shift;
}
