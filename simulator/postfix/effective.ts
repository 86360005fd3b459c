/**
 * The resolved configuration one smtpd service runs with: main.cf, the
 * service's master.cf `-o` overrides, Postfix defaults and machine facts.
 * `$name` expansion happens at lookup time, as in Postfix, so changing
 * `myhostname` also changes `mydestination`'s default.
 */
import { MAIN_CF, MASTER_CF, parseMainCf, parseMasterCf, type Diagnostic, type MasterService } from './config.ts';
import { POSTFIX_DEFAULTS, isKnownParam } from './defaults.ts';
import { matchNet, parseNetPattern, type NetPattern } from './cidr.ts';

/** Facts Postfix learns from the machine rather than from main.cf. */
export interface SystemInfo {
  readonly hostname: string;
  /** Addresses of the machine's interfaces (loopback is implied). */
  readonly localAddresses: readonly string[];
  /** CIDRs of attached networks, for mynetworks_style = subnet. */
  readonly localNetworks?: readonly string[];
}

export class EffectiveConfig {
  /** Expanded values and parsed networks, memoised: a config never changes once built (with() makes a new one), and the bulk model asks the same questions tens of thousands of times. */
  private readonly cache = new Map<string, string>();
  private readonly netCache = new Map<string, NetPattern[]>();

  constructor(
    /** Explicit settings: main.cf, then the service's -o overrides on top. */
    readonly explicit: ReadonlyMap<string, string>,
    readonly system: SystemInfo,
    /** master.cf service name, `smtp` for port 25. */
    readonly service = 'smtp',
  ) {}

  /** Unexpanded value: explicit setting, else default, else undefined for unknown names. */
  raw(name: string): string | undefined {
    return this.explicit.get(name) ?? this.defaultValue(name);
  }

  defaultValue(name: string): string | undefined {
    if (name === 'myhostname') return this.system.hostname;
    if (name === 'mydomain') {
      const host = this.get('myhostname');
      const dot = host.indexOf('.');
      return dot > 0 && dot < host.length - 1 ? host.slice(dot + 1) : 'localdomain';
    }
    if (name === 'mynetworks') return defaultMynetworks(this.get('mynetworks_style'), this.system);
    return POSTFIX_DEFAULTS[name]?.value;
  }

  /** Value with `$name`, `${name}`, `$(name)`, `${name?x}`, `${name:x}` expanded. */
  get(name: string): string {
    let v = this.cache.get(name);
    if (v === undefined) {
      v = this.expand(this.raw(name) ?? '', 0);
      this.cache.set(name, v);
    }
    return v;
  }

  expand(value: string, depth = 0): string {
    if (depth > 20) return value; // Postfix: "recursion" — guard rather than loop forever.
    // Postfix 3's `${name?{then}:{else}}`, `${name?{then}}`, `${name:{else}}` (smtpd_timeout's default).
    value = value.replace(/\$\{([A-Za-z0-9_]+)([?:])\{([^}]*)\}(?::\{([^}]*)\})?\}/g, (_m, name: string, op: string, a: string, b?: string) => {
      const set = this.expand(this.raw(name) ?? '', depth + 1) !== '';
      const pick = op === '?' ? (set ? a : b ?? '') : set ? '' : a;
      return this.expand(pick, depth + 1);
    });
    return value.replace(
      /\$(?:\{([A-Za-z0-9_]+)(?:([?:])([^}]*))?\}|\(([A-Za-z0-9_]+)\)|([A-Za-z0-9_]+))/g,
      (_m, braced?: string, op?: string, alt?: string, paren?: string, bare?: string) => {
        const name = (braced ?? paren ?? bare)!;
        const v = this.expand(this.raw(name) ?? '', depth + 1);
        if (op === '?') return v !== '' ? this.expand(alt ?? '', depth + 1) : '';
        if (op === ':') return v === '' ? this.expand(alt ?? '', depth + 1) : '';
        return v;
      },
    );
  }

  /** Comma/whitespace separated list, expanded (memoised like get(): shared, never to be modified). */
  list(name: string): readonly string[] {
    let l = this.listCache.get(name);
    if (!l) this.listCache.set(name, (l = splitList(this.get(name))));
    return l;
  }
  private readonly listCache = new Map<string, readonly string[]>();

  bool(name: string): boolean {
    return /^(yes|true)$/i.test(this.get(name).trim());
  }

  num(name: string): number {
    const v = Number.parseInt(this.get(name).trim(), 10);
    return Number.isFinite(v) ? v : Number.parseInt(POSTFIX_DEFAULTS[name]?.value ?? '0', 10);
  }

  /** Time parameter in milliseconds (`1s`, `300s`, `5d`; bare numbers are seconds). */
  timeMs(name: string): number {
    return parseTimeMs(this.get(name)) ?? parseTimeMs(POSTFIX_DEFAULTS[name]?.value ?? '0') ?? 0;
  }

  /** mynetworks as patterns; invalid entries are skipped (load() reports them). */
  networks(name = 'mynetworks'): NetPattern[] {
    let nets = this.netCache.get(name);
    if (!nets) {
      nets = this.list(name)
        .map(parseNetPattern)
        .filter((p): p is NetPattern => typeof p !== 'string');
      this.netCache.set(name, nets);
    }
    return nets;
  }

  /**
   * Does the client match mynetworks? Entries are tried in order, as match_list does: a
   * match answers true; an entry with host bits set (`10.0.0.25/24`) is a lookup error at
   * that point (its warning text returned), which smtpd turns into 451 4.3.0.
   */
  mynetworksMatch(ip: string, hostname?: string): boolean | string {
    for (const entry of this.list('mynetworks')) {
      const p = parseNetPattern(entry);
      if (typeof p === 'string') {
        if (p.startsWith('non-null host address bits')) return p;
        continue;
      }
      if (matchNet(p, ip, hostname)) return true;
    }
    return false;
  }

  /** Same explicit settings plus more overrides (a master.cf service, or a test). */
  with(overrides: ReadonlyMap<string, string> | Record<string, string>, service = this.service): EffectiveConfig {
    const merged = new Map(this.explicit);
    const entries = overrides instanceof Map ? [...overrides] : Object.entries(overrides);
    for (const [k, v] of entries) merged.set(k, v);
    return new EffectiveConfig(merged, this.system, service);
  }
}

export function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter((x) => x !== '');
}

const TIME_UNITS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 };

export function parseTimeMs(value: string): number | undefined {
  const m = /^(\d+)([smhdw]?)$/.exec(value.trim());
  return m ? Number(m[1]) * TIME_UNITS[m[2] || 's']! : undefined;
}

function defaultMynetworks(style: string, sys: SystemInfo): string {
  if (style === 'subnet' || style === 'class') {
    const nets = sys.localNetworks ?? sys.localAddresses.filter((a) => a.includes('.')).map((a) => a.replace(/\.\d+$/, '.0/24'));
    return ['127.0.0.0/8', '[::1]/128', ...nets].join(' ');
  }
  const own = sys.localAddresses.map((a) => (a.includes(':') ? `[${a}]/128` : `${a}/32`));
  return ['127.0.0.1/32', '[::1]/128', ...own].join(' ');
}

export interface LoadInput {
  readonly mainCf: string;
  readonly masterCf?: string;
  /** master.cf service to build the config for; default `smtp` (port 25). */
  readonly service?: string;
  readonly system: SystemInfo;
}

export interface LoadResult {
  readonly config: EffectiveConfig;
  readonly warnings: Diagnostic[];
  /** Fatal errors: Postfix would refuse to (re)start; callers keep the last good config. */
  readonly errors: Diagnostic[];
  readonly services: MasterService[];
}

/** Parse and validate; never throws. */
export function loadConfig(input: LoadInput): LoadResult {
  const main = parseMainCf(input.mainCf);
  const master = parseMasterCf(input.masterCf ?? '');
  const all = [...main.diagnostics, ...master.diagnostics];
  const serviceName = input.service ?? 'smtp';
  const svc = master.services.find((s) => s.name === serviceName && s.type === 'inet');
  let config = new EffectiveConfig(main.params, input.system, serviceName);
  if (svc) config = config.with(svc.overrides, serviceName);

  // "unused parameter": set but neither built in nor referenced as $name anywhere.
  const referenced = new Set<string>();
  const noteRefs = (v: string) => {
    for (const m of v.matchAll(/\$(?:\{|\()?([A-Za-z0-9_]+)/g)) referenced.add(m[1]!);
  };
  for (const v of main.params.values()) noteRefs(v);
  for (const s of master.services) for (const v of s.overrides.values()) noteRefs(v);
  for (const d of Object.values(POSTFIX_DEFAULTS)) noteRefs(d.value);
  for (const [k, v] of main.params) {
    if (!isKnownParam(k) && !referenced.has(k)) all.push({ severity: 'warning', message: `${MAIN_CF}: unused parameter: ${k}=${v}` });
  }
  for (const s of master.services) {
    for (const [k, v] of s.overrides) {
      if (!isKnownParam(k) && !referenced.has(k)) all.push({ severity: 'warning', message: `${MASTER_CF}: unused parameter: ${k}=${v}` });
    }
  }
  all.push(...validateValues(config));
  return {
    config,
    warnings: all.filter((d) => d.severity === 'warning'),
    errors: all.filter((d) => d.severity === 'fatal'),
    services: master.services,
  };
}

/** Type checks with the messages Postfix's get_mail_conf_*() die with. */
export function validateValues(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of config.explicit.keys()) {
    const def = POSTFIX_DEFAULTS[name];
    if (!def) continue;
    const v = config.get(name).trim();
    if (def.kind === 'int') {
      if (!/^-?\d+$/.test(v)) out.push({ severity: 'fatal', message: `bad numerical configuration: ${name} = ${v}` });
      else if (Number(v) < (def.min ?? 0)) out.push({ severity: 'fatal', message: `invalid ${name} parameter value ${Number(v)} < ${def.min ?? 0}` });
    } else if (def.kind === 'bool' && !/^(yes|no|true|false)$/i.test(v)) {
      out.push({ severity: 'fatal', message: `bad boolean configuration: ${name} = ${v}` });
    } else if (def.kind === 'time' && parseTimeMs(v) === undefined) {
      out.push({ severity: 'fatal', message: `parameter ${name}: bad time value or unit: ${v}` });
    }
  }
  for (const entry of config.list('mynetworks')) {
    const p = parseNetPattern(entry);
    // Host bits are no load error: reload succeeds and each smtpd fails the lookup (mynetworksMatch).
    if (typeof p === 'string' && !p.startsWith('non-null host address bits')) out.push({ severity: 'fatal', message: `mynetworks: ${p}` });
  }
  return out;
}
