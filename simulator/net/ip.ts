/**
 * IPv4 helpers. Hand-written instead of ipaddr.js: we only need dotted quads and
 * CIDR, and keeping addresses as plain uint32 numbers lets the firewall and the
 * bulk traffic model compare them with one AND per rule (50,000 connections/day).
 */

/** A parsed CIDR block: network address and mask, both as unsigned 32-bit numbers. */
export type Cidr = { readonly addr: number; readonly mask: number; readonly prefix: number };

/** Strict dotted quad ("10.0.0.25") to uint32, or null. No shorthand forms like "10.1", no leading zeros. */
export function parseIPv4(text: string): number | null {
  // Hand-rolled scan: this runs several times per simulated connection.
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return null;
      n = n * 256 + octet;
      octet = digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return (n * 256 + octet) >>> 0;
}

export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== null;
}

export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function prefixToMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Mask to prefix length, or -1 when the mask is not contiguous ones then zeros. */
export function maskToPrefix(mask: number): number {
  for (let p = 0; p <= 32; p++) if (prefixToMask(p) === mask >>> 0) return p;
  return -1;
}

/**
 * "10.0.0.0/24", "10.0.0.25" (a /32) or "10.0.0.0/255.255.255.0". Host bits are
 * cleared, as iptables does: `-s 10.0.0.7/24` is stored and listed as 10.0.0.0/24.
 */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const ip = parseIPv4(slash < 0 ? text : text.slice(0, slash));
  if (ip === null) return null;
  let prefix = 32;
  if (slash >= 0) {
    const m = text.slice(slash + 1);
    if (/^\d{1,2}$/.test(m) && Number(m) <= 32) prefix = Number(m);
    else {
      const asMask = parseIPv4(m);
      if (asMask === null) return null;
      prefix = maskToPrefix(asMask);
      if (prefix < 0) return null;
    }
  }
  const mask = prefixToMask(prefix);
  return { addr: (ip & mask) >>> 0, mask, prefix };
}

const cidrCache = new Map<string, Cidr | null>();

export function cidrContains(cidr: Cidr | string, ip: number | string): boolean {
  let c: Cidr | null;
  if (typeof cidr === 'string') {
    c = cidrCache.get(cidr) ?? null;
    if (!cidrCache.has(cidr)) cidrCache.set(cidr, (c = parseCidr(cidr)));
  } else c = cidr;
  const n = typeof ip === 'string' ? parseIPv4(ip) : ip;
  if (!c || n === null) return false;
  return ((n & c.mask) >>> 0) === c.addr;
}

/** "10.0.0.0/24"; a /32 prints as the bare address only when `bareHost` is set. */
export function formatCidr(c: Cidr, bareHost = false): string {
  return bareHost && c.prefix === 32 ? formatIPv4(c.addr) : `${formatIPv4(c.addr)}/${c.prefix}`;
}

/** 203.0.113.25 → "25.113.0.203.in-addr.arpa" (no trailing dot). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** Inverse of reverseName; accepts a trailing dot. Null for anything else. */
export function ipFromReverseName(name: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.?$/i.exec(name);
  if (!m) return null;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return isIPv4(ip) ? ip : null;
}

/** RFC 1918 and loopback: never routed on the simulated Internet. */
export function isPrivate(ip: string): boolean {
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8'].some((c) => cidrContains(c, ip));
}
