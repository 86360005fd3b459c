/**
 * Address resolution as Postfix trivial-rewrite's resolve_addr() does it:
 * strip local domains from the right, apply the percent hack (`u%d` -> `u@d`),
 * swap bang paths (`d!u` -> `u@d`), crack open quoted local parts, and
 * retry until the domain is remote or nothing is left. The relay decision
 * depends on the result, which is why `t%D@[IP]` relays on an open server but
 * `"t@D"@S` still leaves the domain D to be authorised.
 */
import { isValidMailDomain } from './address.ts';
import type { EffectiveConfig } from './effective.ts';
import { parseIPv4, parseIPv6 } from './cidr.ts';

export type AddressClass = 'local' | 'alias' | 'virtual' | 'relay' | 'default';

export interface Resolved {
  /** Resolved recipient in internal form, always `local@domain`. */
  readonly recipient: string;
  readonly domain: string;
  readonly cls: AddressClass;
  /** Sender-specified routing left in the localpart of a non-local address. */
  readonly routed: boolean;
  /** The final domain has invalid syntax (smtpd answers "Bad ... address syntax"). */
  readonly error: boolean;
}

export interface ResolveContext {
  isLocal(domain: string): boolean;
  classify(domain: string): AddressClass;
  readonly myhostname: string;
  readonly myorigin: string;
  readonly percentHack: boolean;
  readonly swapBangpath: boolean;
  readonly resolveDequoted: boolean;
}

type Tok = { t: 'w' | 'q'; v: string } | { t: '@' | '%' | '!' };

const RFC822_SPECIALS = /[()<>@,;:\\".[\]\s]/;

/** quote_822_local(): quote the localpart (text before the last @) when it is not a dot-string. */
function quoteLocal(addr: string): string {
  const at = addr.lastIndexOf('@');
  const local = at < 0 ? addr : addr.slice(0, at);
  const rest = at < 0 ? '' : addr.slice(at);
  const dotString = local.split('.').every((a) => a !== '' && !RFC822_SPECIALS.test(a));
  if (dotString || local === '') return addr;
  return `"${local.replace(/(["\\])/g, '\\$1')}"${rest}`;
}

/** tok822_scan(): words, quoted strings and the routing operators @ % !. */
function scan(ext: string): Tok[] {
  const out: Tok[] = [];
  let word = '';
  for (let i = 0; i < ext.length; i++) {
    const c = ext[i]!;
    if (c === '"') {
      if (word) out.push({ t: 'w', v: word });
      word = '';
      let v = '';
      for (i++; i < ext.length && ext[i] !== '"'; i++) v += ext[i] === '\\' ? ext[++i] ?? '' : ext[i];
      out.push({ t: 'q', v });
    } else if (c === '[') {
      const end = ext.indexOf(']', i);
      word += end < 0 ? ext.slice(i) : ext.slice(i, end + 1);
      i = end < 0 ? ext.length : end;
    } else if (c === '@' || c === '%' || c === '!') {
      if (word) out.push({ t: 'w', v: word });
      word = '';
      out.push({ t: c });
    } else word += c;
  }
  if (word) out.push({ t: 'w', v: word });
  return out;
}

const text = (toks: Tok[]): string => toks.map((k) => ('v' in k ? k.v : k.t)).join('');
function rfind(toks: Tok[], t: Tok['t']): number {
  for (let i = toks.length - 1; i >= 0; i--) if (toks[i]!.t === t) return i;
  return -1;
}

/** rewrite_tree() in the local context: swap bang path, percent hack, or append @myorigin. */
function rewriteLocal(toks: Tok[], ctx: ResolveContext): Tok[] {
  if (rfind(toks, '@') >= 0) return toks;
  const bang = toks.findIndex((k) => k.t === '!');
  if (ctx.swapBangpath && bang >= 0) return [...toks.slice(bang + 1), { t: '@' }, ...toks.slice(0, bang)];
  const pct = rfind(toks, '%');
  if (ctx.percentHack && pct >= 0) return [...toks.slice(0, pct), { t: '@' }, ...toks.slice(pct + 1)];
  return [...toks, { t: '@' }, ...scan(ctx.myorigin)];
}

export function resolveAddress(address: string, ctx: ResolveContext): Resolved {
  let tree = scan(quoteLocal(address));
  let saved: string | undefined;
  let remote: string | undefined;
  for (let loop = 0; loop < address.length + 100 && tree.length > 0; loop++) {
    if (tree[tree.length - 1]?.t === '@') tree = tree.slice(0, -1);
    const at = rfind(tree, '@');
    if (at >= 0) {
      const dom = text(tree.slice(at + 1));
      if (dom !== '' && !ctx.isLocal(dom)) {
        remote = dom;
        tree = tree.slice(0, at);
        break;
      }
      saved = dom;
      tree = tree.slice(0, at);
    }
    if (rfind(tree, '@') >= 0 || (ctx.swapBangpath && rfind(tree, '!') >= 0) || (ctx.percentHack && rfind(tree, '%') >= 0)) {
      tree = rewriteLocal(tree, ctx);
      continue;
    }
    const only = tree.length === 1 ? tree[0] : undefined;
    if (ctx.resolveDequoted && only?.t === 'q') {
      const v = only.v;
      const oper = v.includes('@') ? '@' : ctx.percentHack && v.includes('%') ? '%' : ctx.swapBangpath && v.includes('!') ? '!' : undefined;
      if (oper) {
        const i = v.lastIndexOf(oper);
        const opened = oper === '%' ? `${v.slice(0, i)}@${v.slice(i + 1)}` : v;
        tree = rewriteLocal(scan(quoteLocal(opened)), ctx);
        continue;
      }
    }
    break;
  }
  const local = text(tree) || 'MAILER-DAEMON';
  if (remote !== undefined) {
    const routed = tree.some((k) => k.t === '@' || k.t === '!' || k.t === '%');
    return { recipient: `${local}@${remote}`, domain: remote, cls: ctx.classify(remote), routed, error: !isValidMailDomain(remote, true) };
  }
  const domain = saved || ctx.myhostname;
  return { recipient: `${local}@${domain}`, domain, cls: 'local', routed: false, error: false };
}

/** Domain list match; `parent` lists (relay_domains, access maps) also match subdomains. */
export function domainListMatch(list: readonly string[], domain: string, parent: boolean): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return list.some((raw) => {
    const e = raw.toLowerCase();
    if (e.includes(':')) return false; // table lookups are not modelled here
    if (e.startsWith('.')) return d.endsWith(e);
    return d === e || (parent && d.endsWith('.' + e));
  });
}

/** Contexts per config: an EffectiveConfig never changes once built, and every RCPT asks for one. */
const contexts = new WeakMap<EffectiveConfig, ResolveContext>();

/** Build the resolver context for a service config (mydestination, own addresses, relay_domains...). */
export function resolveContext(config: EffectiveConfig): ResolveContext {
  let c = contexts.get(config);
  if (!c) contexts.set(config, (c = buildResolveContext(config)));
  return c;
}

function buildResolveContext(config: EffectiveConfig): ResolveContext {
  const mydest = config.list('mydestination');
  const relay = config.list('relay_domains');
  const alias = config.list('virtual_alias_domains');
  const virtual = config.list('virtual_mailbox_domains');
  const parentLists = config.list('parent_domain_matches_subdomains');
  const own = ['127.0.0.1', '::1', ...config.system.localAddresses, ...config.list('proxy_interfaces')];
  const ownBits = new Set(own.map((a) => String(parseIPv4(a) ?? parseIPv6(a))));
  const isLocal = (domain: string): boolean => {
    const lit = /^\[(?:ipv6:)?([^\]]+)\]$/i.exec(domain);
    if (lit) return ownBits.has(String(parseIPv4(lit[1]!) ?? parseIPv6(lit[1]!)));
    return domainListMatch(mydest, domain, parentLists.includes('mydestination'));
  };
  return {
    isLocal,
    classify: (domain) => {
      if (isLocal(domain)) return 'local';
      if (domainListMatch(alias, domain, false)) return 'alias';
      if (domainListMatch(virtual, domain, false)) return 'virtual';
      if (domainListMatch(relay, domain, parentLists.includes('relay_domains'))) return 'relay';
      return 'default';
    },
    myhostname: config.get('myhostname'),
    myorigin: config.get('myorigin'),
    percentHack: config.bool('allow_percent_hack'),
    swapBangpath: config.bool('swap_bangpath'),
    resolveDequoted: config.bool('resolve_dequoted_address'),
  };
}
