/**
 * Reading the mail server's configuration from the mail host's disk:
 * main.cf and master.cf into one EffectiveConfig per smtpd service (with its
 * -o overrides), Postfix's diagnostics, whether each smtpd could start, and
 * the lookup tables the restrictions use. Nothing here is applied: the
 * MailServer does that on start/reload only.
 */
import { MAIL_HOST, MAIL_LAN_IP, MAIL_PUBLIC_IP } from '../net/corp-hosts.ts';
import type { HostFs } from '../host/host-fs.ts';
import { dnsblLookup, type DnsblState } from '../net/dnsbl.ts';
import {
  MAIN_CF, MASTER_CF, checkServiceStartable, loadConfig, parseMasterCf,
  type Diagnostic, type EffectiveConfig, type Lookups, type SystemInfo,
} from '../postfix/index.ts';

export { MAIL_HOST };
export const SYSTEM: SystemInfo = { hostname: MAIL_HOST, localAddresses: [MAIL_LAN_IP, MAIL_PUBLIC_IP] };

/** One smtpd service's config; `fatal`: smtpd dies at startup with this message (after `fatalWarnings`). */
export type RunningService = { name: string; port: number; config: EffectiveConfig; program: string; fatal?: string; fatalWarnings?: string[] };
export type MailStats = { connections: number; received: number; relayed: number; rejected: number; delivered: number; deferred: number; bounced: number; readonly queue: number };
export type LoadOutcome = { ok: boolean; warnings: Diagnostic[]; errors: Diagnostic[] };

/** Where an access table's data lives: indexed types (hash:, btree:, lmdb:) are read from the file postmap built. */
export function mapFile(table: string): string {
  const m = /^([a-z0-9_]+):(.*)$/.exec(table);
  if (!m) return table;
  return ['hash', 'btree', 'lmdb', 'cdb'].includes(m[1]!) ? `${m[2]}.db` : m[2]!;
}

export function servicePort(name: string): number | undefined {
  const known: Record<string, number> = { smtp: 25, submission: 587, smtps: 465, submissions: 465 };
  const m = /(?:^|:)(\d+)$/.exec(name);
  return known[name] ?? (m ? Number(m[1]) : undefined);
}

/** Facts the restrictions look up besides tables: who has a mailbox, and the DNSBL. */
export type LookupEnv = { localUsers: string[]; dnsbl: DnsblState };
export type LoadedConfig = LoadOutcome & { main?: EffectiveConfig; services?: Map<string, RunningService>; lookups?: Lookups };

/** What main.cf/master.cf parse into (everything but the lookup tables): a pure function of the two texts. */
type ParsedConfig = LoadOutcome & { main: EffectiveConfig; services: ReadonlyMap<string, RunningService> };

/**
 * The last parse, by the texts it came from. Every new smtpd worker reads the files (as real
 * smtpd does), and a workshop's 200 parallel sessions start 200 workers on the same bytes;
 * the configs are immutable, so sharing one parse (and its warm lookup caches) changes nothing
 * but the cost.
 */
let lastParse: { mainCf: string; masterCf: string; parsed: ParsedConfig } | undefined;

function parseRunningConfig(mainCf: string, masterCf: string): ParsedConfig {
  if (lastParse && lastParse.mainCf === mainCf && lastParse.masterCf === masterCf) return lastParse.parsed;
  const base = loadConfig({ mainCf, masterCf, system: SYSTEM });
  const warnings = new Map<string, Diagnostic>();
  const errors = new Map<string, Diagnostic>();
  const note = (r: { warnings: Diagnostic[]; errors: Diagnostic[] }) => {
    for (const w of r.warnings) warnings.set(w.message, w);
    for (const e of r.errors) errors.set(e.message, e);
  };
  note(base);
  const services = new Map<string, RunningService>();
  for (const s of parseMasterCf(masterCf).services) {
    const port = servicePort(s.name);
    if (s.type !== 'inet' || s.command !== 'smtpd' || port === undefined) continue;
    const r = loadConfig({ mainCf, masterCf, service: s.name, system: SYSTEM });
    note(r);
    const startable = checkServiceStartable(r.config);
    services.set(s.name, {
      name: s.name, port, config: r.config, program: `${r.config.get('syslog_name')}/smtpd`,
      fatal: startable.ok ? undefined : startable.message,
      fatalWarnings: startable.warnings,
    });
  }
  const parsed = { ok: errors.size === 0, warnings: [...warnings.values()], errors: [...errors.values()], main: base.config, services };
  lastParse = { mainCf, masterCf, parsed };
  return parsed;
}

/** Parse main.cf/master.cf from disk into running services; nothing is applied here. */
export function loadRunningConfig(fs: HostFs, env: LookupEnv): LoadedConfig {
  const p = parseRunningConfig(fs.tryRead(MAIN_CF) ?? '', fs.tryRead(MASTER_CF) ?? '');
  const out = { ok: p.ok, warnings: [...p.warnings], errors: [...p.errors] };
  if (!out.ok) return out;
  const services = new Map(p.services);
  return { ...out, main: p.main, services, lookups: buildLookups(fs, [p.main, ...[...services.values()].map((s) => s.config)], env) };
}

export function buildLookups(fs: HostFs, configs: EffectiveConfig[], env: LookupEnv): Lookups {
  const maps: Record<string, string> = {};
  for (const c of configs) {
    for (const p of ['smtpd_client_restrictions', 'smtpd_helo_restrictions', 'smtpd_sender_restrictions', 'smtpd_relay_restrictions', 'smtpd_recipient_restrictions']) {
      const list = c.list(p);
      list.forEach((r, i) => {
        const arg = /^check_\w+_access$/.test(r) ? list[i + 1] : undefined;
        const text = arg ? fs.tryRead(mapFile(arg)) : undefined;
        if (arg && text !== undefined) maps[arg] = text;
      });
    }
  }
  const dnsbl = env.dnsbl;
  return {
    maps,
    localUsers: env.localUsers,
    dnsbl: (zone, ip) => (zone === dnsbl.zone ? dnsblLookup(dnsbl, ip)?.codes[0] : undefined),
  };
}
