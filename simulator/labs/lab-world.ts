/**
 * What exists in a lab's network, for the validator: the lab's own
 * Simulation, built from its scenario (a few milliseconds), so hosts, mail
 * accounts, aliases and smtpd services are the ones the learner will meet —
 * not a second list that could drift from the simulation.
 */
import { Simulation, MAIL_HOST } from '../simulation.ts';
import { hostByIp, type Host } from '../net/topology.ts';
import { POSTFIX_DEFAULTS } from '../postfix/defaults.ts';
import { HOST_GROUPS } from '../grader/hosts.ts';
import type { Lab } from './schema.ts';
import { simulationOptions } from './scenario.ts';
import { t } from '../i18n/t.ts';

export type LabWorld = {
  /** A host the learner (or a check) can name: short name, FQDN, or a group such as `workstations`. */
  host(name: string): Host | undefined;
  isHostRef(name: string): boolean;
  /** The host owning an address (203.0.113.25 is mail, through fw's 1:1 NAT). */
  hostByIp(ip: string): Host | undefined;
  hosts: readonly Host[];
  /** Short names of every host, and the groups (for "did you mean"). */
  hostNames: readonly string[];
  workstationCount: number;
  /** Accounts with a mailbox on the mail server (/var/mail/USER). */
  mailboxUsers: ReadonlySet<string>;
  /** /etc/aliases on the mail server: alias → the account its mail ends in. */
  aliasTarget(name: string): string | undefined;
  /** Accounts in /etc/sasldb2 (SMTP AUTH). */
  saslUsers: ReadonlySet<string>;
  /** Whether the mail server delivers this address locally (its domain is in mydestination). */
  isLocalAddress(address: string): boolean;
  /** A local part the server accepts mail for: an account or an alias. */
  isLocalRecipient(localPart: string): boolean;
  /** smtpd services in master.cf, enabled or commented out (a lab may ask the learner to enable one). */
  smtpdServices: readonly string[];
};

/** Every main.cf parameter Postfix knows in this model (postfix/defaults.ts is the one list). */
export function knownPostfixParameters(): readonly string[] {
  return Object.keys(POSTFIX_DEFAULTS);
}

export function labWorld(lab: Lab): LabWorld {
  const seed = lab.scenario.seed.policy === 'fixed' ? lab.scenario.seed.value : 1;
  // No world and no `prepare`: neither changes what exists, and leaving them out keeps validation cheap.
  const sim = new Simulation({ ...simulationOptions(lab, seed), world: false, prepare: undefined });
  const server = sim.mailServer;
  const masterCf = sim.machine(MAIL_HOST).fs.tryRead('/etc/postfix/master.cf') ?? '';
  const smtpdServices = [...masterCf.matchAll(/^#?([a-z0-9.:-]+)\s+inet\s.*\bsmtpd\s*$/gm)].map((m) => m[1]!);
  const aliases = server.aliases();
  return {
    host: (name) => sim.findHost(name),
    isHostRef: (name) => (HOST_GROUPS as readonly string[]).includes(name) || !!sim.findHost(name),
    hostByIp: (ip) => hostByIp(sim.topology, ip),
    hosts: sim.topology.hosts,
    hostNames: [...sim.topology.hosts.map((h) => h.short), ...HOST_GROUPS],
    workstationCount: sim.topology.hosts.filter((h) => h.role === 'workstation').length,
    mailboxUsers: new Set([...server.localUsers()].filter((u) => !aliases.has(u))),
    aliasTarget: (name) => (aliases.has(name.toLowerCase()) ? server.resolveAlias(name.toLowerCase()) : undefined),
    saslUsers: new Set(server.saslUsers()),
    isLocalAddress: (address) => server.isLocalAddress(address),
    isLocalRecipient: (local) => server.localUsers().has(local.toLowerCase()) || aliases.has(local.toLowerCase()),
    smtpdServices: [...new Set(smtpdServices)],
  };
}

/** Edit distance with transpositions (optimal string alignment), for "did you mean": "bbo" is one step from "bob". */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known name when it is plausibly a typo, for a "did you mean X?" in an error. */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 4)) ? best : undefined;
}

/** " (did you mean X?)" or nothing. */
export const didYouMean = (name: string, known: Iterable<string>): string => {
  const c = closest(name, known);
  return c ? t('labs.did-you-mean', { name: c }) : '';
};
