/**
 * Knobs of the living world. Defaults give the default scenario's rhythm
 * (a small office, 2–4 bots, a day that visibly gets the company listed);
 * the bench turns them up to a 200-employee company.
 */
export type WorldOptions = {
  /** Mail users (default: one per workstation). More than workstations: people share desks. */
  employees?: number;
  /** Messages an employee sends per weekday (to colleagues and the outside). */
  sendsPerEmployee?: number;
  /** Messages an employee receives from the Internet per weekday. */
  receivesPerEmployee?: number;
  /** Share of employees who work from outside (road warriors). */
  roadWarriorShare?: number;
  /** SMTP connections a bot attempts per day (steady, day and night). */
  spamPerBot?: number;
  /** Relay sessions per day the outside spammer pushes through an open relay it found. */
  spammerSessions?: number;
  spammerRcpts?: number;
  /** Install `-A FORWARD -p tcp --dport 25 -j LOG` at start (many real firewalls log this). */
  logOutbound25?: boolean;
  /** Spam messages from one public address within an hour that get it listed. */
  listThreshold?: number;
  /** Virtual delay between an accepted delisting request and the removal. */
  delistDelayMs?: number;
  /** How long `reimage` takes before the machine is back, clean. */
  reimageDelayMs?: number;
  /** Spam messages from one address (since the last complaint) that trigger an ARF complaint. */
  complaintThreshold?: number;
  /** Minimum virtual time between two complaints about the same address. */
  complaintIntervalMs?: number;
  /** Employees whose mail password spammers hold and use from the Internet on port 587 (world/stolen-account.ts). */
  stolenAccounts?: readonly string[];
  /** Spam messages a stolen account sends per day while its password works. */
  stolenAccountSpamPerDay?: number;
};

export type ResolvedWorldOptions = Required<WorldOptions>;

const HOUR = 3_600_000;

export function resolveWorldOptions(o: WorldOptions, workstations: number): ResolvedWorldOptions {
  return {
    employees: o.employees ?? workstations,
    sendsPerEmployee: o.sendsPerEmployee ?? 12,
    receivesPerEmployee: o.receivesPerEmployee ?? 13,
    roadWarriorShare: o.roadWarriorShare ?? 0.15,
    spamPerBot: o.spamPerBot ?? 2_000,
    spammerSessions: o.spammerSessions ?? 300,
    spammerRcpts: o.spammerRcpts ?? 5,
    logOutbound25: o.logOutbound25 ?? true,
    listThreshold: o.listThreshold ?? 50,
    delistDelayMs: o.delistDelayMs ?? 6 * HOUR,
    reimageDelayMs: o.reimageDelayMs ?? 2 * HOUR,
    complaintThreshold: o.complaintThreshold ?? 20,
    complaintIntervalMs: o.complaintIntervalMs ?? 4 * HOUR,
    stolenAccounts: o.stolenAccounts ?? [],
    stolenAccountSpamPerDay: o.stolenAccountSpamPerDay ?? 720,
  };
}
