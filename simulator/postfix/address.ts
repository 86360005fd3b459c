/**
 * MAIL FROM / RCPT TO path arguments, parsed the way Postfix smtpd's
 * extract_addr() sees them: `<>`, `<a@b>`, bare `a@b`, source routes
 * (`@[IP]:t@D` becomes `t@D`), quoted local parts (`"t@D"` becomes the
 * internal form `t@D`). The result is Postfix's *internal* (unquoted) form,
 * which is also what its replies and logs show. Never throws: malformed
 * input yields the exact Postfix reply.
 */
export type PathKind = 'sender' | 'recipient';

export type PathResult =
  | { ok: true; address: string; params: string[]; sourceRoute?: string; bracketed: boolean }
  | { ok: false; reply: string };

export const BAD_SENDER = '501 5.1.7 Bad sender address syntax';
export const BAD_RECIPIENT = '501 5.1.3 Bad recipient address syntax';
export const BAD_UTF8 = '500 5.5.2 Error: bad UTF-8 syntax';
/** smtpd's line_length_limit default: longer command lines are cut, so the path is broken. */
export const MAX_PATH_CHARS = 2048;

export function badSyntaxReply(kind: PathKind): string {
  return kind === 'sender' ? BAD_SENDER : BAD_RECIPIENT;
}

export function missingPathReply(kind: PathKind): string {
  return kind === 'sender' ? '501 5.5.4 Syntax: MAIL FROM:<address>' : '501 5.5.4 Syntax: RCPT TO:<address>';
}

/** Undecodable input arrives as U+FFFD (TextDecoder) or lone surrogates. */
export function hasBadUtf8(s: string): boolean {
  return /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Index of the `>` closing the `<` at 0, honouring quotes and backslashes; -1 when unbalanced. */
function closingAngle(s: string): number {
  let quoted = false;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '>' && !quoted) return i;
  }
  return -1;
}

/** End of a bare (unbracketed) path: first unquoted whitespace. */
function bareEnd(s: string): number {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && /\s/.test(c)) return i;
  }
  return s.length;
}

/**
 * Convert an external mailbox (`"t@D"@x`, `t%D@S`) to internal form by
 * dropping quotes and escapes. Returns undefined on RFC 5321 syntax Postfix
 * would not accept as one address (unbalanced quotes, commas, spaces...).
 */
export function internalize(ext: string): string | undefined {
  let out = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < ext.length; i++) {
    const c = ext[i]!;
    if (quoted) {
      if (c === '\\') {
        const next = ext[++i];
        if (next === undefined) return undefined;
        out += next;
      } else if (c === '"') quoted = false;
      else out += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '[') {
      if (bracket) return undefined;
      bracket = true;
      out += c;
    } else if (c === ']') {
      if (!bracket) return undefined;
      bracket = false;
      out += c;
    } else if (/[\s<>(),;:\\]/.test(c) && !(bracket && c === ':')) return undefined;
    else out += c;
  }
  return quoted || bracket ? undefined : out;
}

/**
 * Parse the text after `MAIL FROM:` / `RCPT TO:`. `smtputf8` mirrors
 * smtputf8_enable: with it on, invalid UTF-8 is a protocol error.
 */
export function parsePath(arg: string, kind: PathKind, opts: { smtputf8?: boolean } = {}): PathResult {
  const bad = { ok: false as const, reply: badSyntaxReply(kind) };
  if (opts.smtputf8 !== false && hasBadUtf8(arg)) return { ok: false, reply: BAD_UTF8 };
  // NUL and other control bytes never form a valid address; C strings would cut at NUL anyway.
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(arg) || arg.length > MAX_PATH_CHARS) return bad;
  const s = arg.replace(/^[ \t]+/, '');
  if (s === '') return { ok: false, reply: missingPathReply(kind) };
  let inner: string;
  let rest: string;
  const bracketed = s.startsWith('<');
  if (bracketed) {
    const end = closingAngle(s);
    if (end < 0) return bad;
    inner = s.slice(1, end);
    rest = s.slice(end + 1);
    if (rest !== '' && !/^\s/.test(rest)) return bad;
  } else {
    const end = bareEnd(s);
    inner = s.slice(0, end);
    rest = s.slice(end);
  }
  const params = rest.trim() === '' ? [] : rest.trim().split(/\s+/);
  if (inner === '') return kind === 'sender' ? { ok: true, address: '', params, bracketed } : bad;
  let sourceRoute: string | undefined;
  if (inner.startsWith('@')) {
    // RFC 5321 source route: "@a,@b:mailbox". Postfix discards it (RFC 5321 C).
    const m = /^(@[^,:\s]+(?:,@[^,:\s]+)*):(.*)$/.exec(inner);
    if (!m) return bad;
    sourceRoute = m[1];
    inner = m[2]!;
    if (inner === '') return bad;
  }
  const address = internalize(inner);
  if (address === undefined) return bad;
  return sourceRoute === undefined ? { ok: true, address, params, bracketed } : { ok: true, address, params, sourceRoute, bracketed };
}

/** Split an internal-form address at its last `@` (Postfix's notion of localpart/domain). */
export function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return at < 0 ? { local: address, domain: '' } : { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** Postfix valid_hostname()/valid_mailhost_literal(), for "bad address syntax" decisions. */
export function isValidMailDomain(domain: string, allowUtf8: boolean): boolean {
  if (domain.startsWith('[')) {
    const m = /^\[(?:IPv6:([0-9a-fA-F:.]+)|(\d{1,3}(?:\.\d{1,3}){3}))\]$/.exec(domain);
    if (!m) return false;
    return m[2] === undefined || m[2].split('.').every((o) => Number(o) <= 255);
  }
  const d = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  if (d === '' || d.length > 255) return false;
  if (!allowUtf8 && /[^\x00-\x7f]/.test(d)) return false;
  const labels = d.split('.');
  if (!labels.every((l) => l.length > 0 && l.length <= 63 && /^[A-Za-z0-9_\u0080-\uffff-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-'))) {
    return false;
  }
  return !/^[\d.]+$/.test(d); // Postfix refuses all-numeric host names.
}
