/**
 * Listing state of the DNS blocklist zone zen.dnsbl.example (RFC 5782, with
 * Spamhaus ZEN's return codes). Plain serialisable data: the spam model lists an
 * address when it sees abuse, the learner's delisting request removes it, and
 * saved progress keeps it.
 */
export const DNSBL_CODES = {
  '127.0.0.2': 'SBL',
  '127.0.0.3': 'CSS',
  '127.0.0.4': 'XBL',
  '127.0.0.9': 'DROP',
  '127.0.0.10': 'PBL',
  '127.0.0.11': 'PBL',
} as const;
export type DnsblCode = keyof typeof DNSBL_CODES;
export type DnsblList = (typeof DNSBL_CODES)[DnsblCode];

/** Spamhaus answers this to queries arriving through public/open resolvers. */
export const OPEN_RESOLVER_CODE = '127.255.255.254';

export type DnsblListing = { codes: DnsblCode[]; listedAt: number; reason: string };
export type DnsblState = { zone: string; listings: Record<string, DnsblListing> };

export function createDnsbl(zone = 'zen.dnsbl.example'): DnsblState {
  return { zone, listings: {} };
}

/** Accepts "XBL" or "127.0.0.4"; list names map to their first code (PBL → .10). */
export function toCode(code: DnsblCode | DnsblList): DnsblCode {
  if (code in DNSBL_CODES) return code as DnsblCode;
  const hit = (Object.keys(DNSBL_CODES) as DnsblCode[]).find((c) => DNSBL_CODES[c] === code);
  if (!hit) throw new RangeError(`unknown DNSBL code ${code}`);
  return hit;
}

export function listIp(state: DnsblState, ip: string, code: DnsblCode | DnsblList, info: { now: number; reason: string }): DnsblListing {
  const c = toCode(code);
  const cur = state.listings[ip];
  if (cur) {
    if (!cur.codes.includes(c)) cur.codes = [...cur.codes, c].sort(byCode);
    return cur;
  }
  return (state.listings[ip] = { codes: [c], listedAt: info.now, reason: info.reason });
}

/** Remove one list's code, or every listing for the address. True when something was removed. */
export function delistIp(state: DnsblState, ip: string, code?: DnsblCode | DnsblList): boolean {
  const cur = state.listings[ip];
  if (!cur) return false;
  if (code === undefined) {
    delete state.listings[ip];
    return true;
  }
  const c = toCode(code);
  const list = DNSBL_CODES[c];
  const rest = cur.codes.filter((x) => DNSBL_CODES[x] !== list);
  if (rest.length === cur.codes.length) return false;
  if (rest.length) cur.codes = rest;
  else delete state.listings[ip];
  return true;
}

/** RFC 5782 §5: 127.0.0.2 is always listed (test entry), 127.0.0.1 never. */
export function dnsblLookup(state: DnsblState, ip: string): DnsblListing | undefined {
  if (ip === '127.0.0.2') return { codes: ['127.0.0.2', '127.0.0.4', '127.0.0.10'], listedAt: 0, reason: 'RFC 5782 test entry' };
  return state.listings[ip];
}

export function dnsblTxt(code: DnsblCode, ip: string): string {
  return `Listed by ${DNSBL_CODES[code]}, see https://check.dnsbl.example/query/ip/${ip}`;
}

function byCode(a: string, b: string): number {
  return Number(a.split('.')[3]) - Number(b.split('.')[3]);
}
