/**
 * access(5) tables for check_sender_access / check_recipient_access /
 * check_client_access / check_helo_access. The lab keeps the postmap source
 * text (`/etc/postfix/sender_access`) and looks keys up in the order
 * access(5) documents, so `corp.example OK` also covers
 * `antispam@mail.corp.example` (smtpd_access_maps is listed in
 * parent_domain_matches_subdomains by default): exactly the hole the
 * half-closed scenario teaches.
 */
export type AccessMap = ReadonlyMap<string, string>;

/** postmap source format: `key value...`, `#` comments, continuation lines starting with whitespace. */
export function parseAccessMap(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (/^\s/.test(raw) && last !== undefined) {
      out.set(last, `${out.get(last) ?? ''} ${t}`.trim());
      continue;
    }
    const m = /^(\S+)\s*(.*)$/.exec(t);
    if (!m) continue;
    last = m[1]!.toLowerCase();
    out.set(last, m[2] ?? '');
  }
  return out;
}

export interface MailLookupOptions {
  /** Match `corp.example` against subdomains (parent_domain_matches_subdomains has smtpd_access_maps). */
  readonly parentStyle: boolean;
  /** smtpd_null_access_lookup_key, `<>`. */
  readonly nullKey: string;
  readonly recipientDelimiter?: string;
}

export interface AccessHit {
  readonly key: string;
  readonly value: string;
}

function domainKeys(domain: string, parentStyle: boolean): string[] {
  if (domain.startsWith('[')) return [domain];
  const keys = [domain];
  for (let i = domain.indexOf('.'); i >= 0; i = domain.indexOf('.', i + 1)) {
    keys.push(parentStyle ? domain.slice(i + 1) : domain.slice(i));
  }
  return keys.filter((k) => k !== '' && k !== '.');
}

/** check_mail_access(): user@domain, user@domain without extension, domain (+ parents), user@. */
export function lookupMailAccess(map: AccessMap, address: string, opts: MailLookupOptions): AccessHit | undefined {
  const addr = address.toLowerCase();
  const keys: string[] = [];
  if (addr === '') keys.push(opts.nullKey.toLowerCase());
  else {
    const at = addr.lastIndexOf('@');
    const local = at < 0 ? addr : addr.slice(0, at);
    const domain = at < 0 ? '' : addr.slice(at + 1);
    keys.push(addr);
    const delim = opts.recipientDelimiter;
    const ext = delim ? local.indexOf(delim) : -1;
    if (ext > 0) keys.push(`${local.slice(0, ext)}@${domain}`);
    if (domain) keys.push(...domainKeys(domain, opts.parentStyle));
    keys.push(`${local}@`);
    if (ext > 0) keys.push(`${local.slice(0, ext)}@`);
  }
  for (const key of keys) {
    const value = map.get(key);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}

/** check_client_access(): host name (+ parents), address, shorter address prefixes (1.2.3, 1.2, 1). */
export function lookupClientAccess(map: AccessMap, ip: string, hostname: string | undefined, parentStyle: boolean): AccessHit | undefined {
  const keys: string[] = [];
  if (hostname && hostname !== 'unknown') keys.push(...domainKeys(hostname.toLowerCase(), parentStyle));
  keys.push(ip.toLowerCase());
  const sep = ip.includes(':') ? ':' : '.';
  const parts = ip.split(sep);
  for (let n = parts.length - 1; n >= 1; n--) keys.push(parts.slice(0, n).join(sep));
  for (const key of keys) {
    const value = map.get(key);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}

/** check_helo_access(): the HELO name and its parent domains. */
export function lookupHeloAccess(map: AccessMap, helo: string, parentStyle: boolean): AccessHit | undefined {
  for (const key of domainKeys(helo.toLowerCase(), parentStyle)) {
    const value = map.get(key);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}
