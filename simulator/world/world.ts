/**
 * The living world of one Simulation: employees, bots, the outside spammer,
 * the DNSBL and the ISP, all on the virtual clock. Work is planned per
 * minute (counts drawn from the rhythm, each event given a second) and run
 * from a 60-slot table of small integers — a day is 1,440 minute events plus
 * at most one clock event per busy second, with no closure per message.
 */
import { SeededRandom } from '../core/rng.ts';
import { iptables } from '../net/iptables.ts';
import { hostByName } from '../net/topology.ts';
import { MAIL_HOST } from '../net/corp-hosts.ts';
import type { WorldEnv } from './world-env.ts';
import { runInBackground, type BackgroundRun, type RealScheduler } from './background.ts';
import { checkComplaints, type Complaint } from './abuse-desk.ts';
import { chooseBotProfile, installBot } from './bot-host.ts';
import { reimage, revive, type ReimageResult } from './bot-lifecycle.ts';
import { checkListings, requestDelist, type DelistRequest } from './blocklist.ts';
import { hireEmployees, legitCounts, receiveLegit, sendLegit, type Employee } from './employees.ts';
import { Ledger } from './ledger.ts';
import { LegitTracker } from './legit-tracker.ts';
import { mailPortOf, numericStats } from './mail-port.ts';
import { Metrics, type MetricsExport } from './metrics.ts';
import { poisson } from './rhythm.ts';
import { botAttempt, botIsActive, newBot, resetStrategy, type Bot } from './spambot.ts';
import { newSpammer, spammerPlan, spammerSession, type Spammer } from './spammer.ts';
import type { WorldCtx } from './world-context.ts';
import { makeConnector } from './world-net.ts';
import { resolveWorldOptions, type WorldOptions } from './world-options.ts';
import { newStolenAccount, stolenPlan, stolenSession, type StolenAccount } from './stolen-account.ts';
import { parseSaslDb, SASLDB } from '../mail/sasl-db.ts';

/** A mail password attackers hold: captured by the bot on `desk`, or sold and used from the Internet. */
export type StolenCredential = { user: string; password: string; desk?: string; recapturedAt?: number };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const enum Kind { Send = 0, Receive = 1, Bot = 2, Spammer = 3, Stolen = 4 }
const SHIFT = 65_536;

export class World {
  readonly ctx: WorldCtx;
  readonly employees: Employee[];
  readonly bots: Bot[] = [];
  readonly spammer: Spammer;
  readonly complaints: Complaint[] = [];
  readonly delistRequests: DelistRequest[] = [];
  /** Passwords in attackers' hands, as they were when the world started (a check compares /etc/sasldb2 with them). */
  readonly stolen: StolenCredential[] = [];
  readonly stolenAccounts: StolenAccount[] = [];
  /** Every reimage asked for, in order (short names), for checks that judge the choice of desks. */
  readonly reimaged: string[] = [];
  /** Virtual time the world started (checks that need a window of observation measure from it). */
  readonly startedAt: number;
  private readonly reimaging = new Set<string>();
  private readonly slots: number[][] = Array.from({ length: 60 }, () => []);
  private minuteStart = 0;
  private slot = 0;
  private stopped = false;

  constructor(readonly sim: WorldEnv, options: WorldOptions = {}) {
    const rng = new SeededRandom((sim.seed ^ 0x30a1d5) >>> 0);
    this.startedAt = sim.clock.now();
    const workstations = sim.topology.hosts.filter((h) => h.role === 'workstation').length;
    const opts = resolveWorldOptions(options, workstations);
    const mail = () => mailPortOf(sim);
    const metrics = new Metrics(sim.clock.now(), numericStats(mail()?.stats));
    this.ctx = { sim, rng, opts, ledger: new Ledger(), legit: new LegitTracker(), metrics, connect: makeConnector(sim, metrics), mail, mailHost: hostByName(sim.topology, MAIL_HOST)! };
    if (opts.logOutbound25) {
      // Scenario choice: fw LOGs new outbound SMTP from the LAN (common practice, and lesson 5's trail).
      iptables(sim.firewall, ['-A', 'FORWARD', '-i', 'eth1', '-o', 'eth0', '-p', 'tcp', '--dport', '25', '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'LOG', '--log-prefix', 'OUT-SMTP: ']);
    }
    this.employees = hireEmployees(this.ctx);
    const passwords = new Map(parseSaslDb(sim.machine(MAIL_HOST).fs.tryRead(SASLDB) ?? '').map((u) => [u.user, u.password]));
    for (const h of sim.topology.hosts) {
      if (h.role !== 'workstation' || !h.infected || !h.user) continue;
      // A keylogger: the bot has the desk user's mail password from the start.
      const profile = { ...chooseBotProfile(rng, h.user), stolenPassword: passwords.get(h.user) };
      installBot(sim.machine(h.name), profile, sim.clock.now());
      this.bots.push(newBot(h, profile));
      if (profile.stolenPassword !== undefined) this.stolen.push({ user: h.user, password: profile.stolenPassword, desk: h.short });
    }
    this.spammer = newSpammer(this.ctx);
    for (const user of opts.stolenAccounts) {
      const pw = passwords.get(user);
      if (pw === undefined) continue;
      this.stolenAccounts.push(newStolenAccount(this.ctx, user, pw));
      if (!this.stolen.some((c) => c.user === user)) this.stolen.push({ user, password: pw });
    }
    sim.clock.at(Math.ceil(sim.clock.now() / MINUTE) * MINUTE, this.onMinute);
  }

  /** Move virtual time forward; the world's events run on the way. */
  advance(ms: number): void {
    this.sim.clock.advance(ms);
  }

  /** Run the clock at `speed` virtual ms per real ms; `schedule` is the host's timer (setTimeout). */
  runInBackground(speed: number, schedule: RealScheduler): BackgroundRun {
    return runInBackground(this, speed, schedule);
  }

  /** Stop producing traffic (pending clock events become no-ops). */
  stop(): void {
    this.stopped = true;
  }

  reimage(host: string): ReimageResult {
    const r = reimage(this.ctx, this.bots, host, this.reimaging);
    if (r.ok) this.reimaged.push(this.sim.findHost(host)!.short);
    return r;
  }

  requestDelist(ip: string): { ok: boolean; message: string } {
    return requestDelist(this.ctx, ip, this.delistRequests);
  }

  metrics(): MetricsExport {
    return this.ctx.metrics.toJSON();
  }

  get ledger(): Ledger {
    return this.ctx.ledger;
  }

  activeBots(): Bot[] {
    return this.bots.filter((b) => botIsActive(this.ctx, b));
  }

  private readonly onMinute = (): void => {
    if (this.stopped) return;
    const ctx = this.ctx;
    const t = ctx.sim.clock.now();
    this.minuteStart = t;
    while (t >= ctx.metrics.current.start + HOUR) ctx.metrics.closeHour(numericStats(ctx.mail()?.stats), ctx.ledger);
    ctx.legit.scan(ctx.mail(), ctx.ledger, t);
    revive(ctx, this.bots);
    this.recapture();
    checkListings(ctx);
    checkComplaints(ctx, this.complaints);
    this.plan(t);
    ctx.sim.clock.at(t + MINUTE, this.onMinute);
  };

  /**
   * A keylogger still running when its user's password is changed captures
   * the new one the next time it is typed (within the minute, here): change
   * passwords after the desk is clean, or the change buys nothing.
   */
  private recapture(): void {
    if (!this.bots.length) return;
    let db: Map<string, string> | undefined;
    for (const b of this.bots) {
      if (!botIsActive(this.ctx, b)) continue;
      db ??= new Map(parseSaslDb(this.sim.machine(MAIL_HOST).fs.tryRead(SASLDB) ?? '').map((u) => [u.user, u.password]));
      const now = db.get(b.profile.user);
      if (now === undefined || now === b.profile.stolenPassword) continue;
      b.profile.stolenPassword = now;
      const c = this.stolen.find((x) => x.user === b.profile.user);
      if (c) Object.assign(c, { password: now, recapturedAt: this.sim.clock.now() });
      else this.stolen.push({ user: b.profile.user, password: now, desk: b.host.short, recapturedAt: this.sim.clock.now() });
    }
  }

  private push(kind: Kind, index: number): void {
    this.slots[this.ctx.rng.int(0, 59)]!.push(kind * SHIFT + index);
  }

  private plan(t: number): void {
    const ctx = this.ctx;
    for (const s of this.slots) s.length = 0;
    const staff = this.employees.length;
    if (staff) {
      const { sends, receives } = legitCounts(ctx, staff, t);
      for (let i = 0; i < sends; i++) this.push(Kind.Send, ctx.rng.int(0, staff - 1));
      for (let i = 0; i < receives; i++) this.push(Kind.Receive, ctx.rng.int(0, staff - 1));
    }
    this.bots.forEach((b, i) => {
      if (!botIsActive(ctx, b)) return;
      resetStrategy(b);
      const n = poisson(ctx.rng, ctx.opts.spamPerBot / 1440);
      for (let k = 0; k < n; k++) this.push(Kind.Bot, i);
    });
    const sessions = spammerPlan(ctx, this.spammer);
    for (let k = 0; k < sessions; k++) this.push(Kind.Spammer, 0);
    this.stolenAccounts.forEach((a, i) => {
      const n = stolenPlan(ctx, a);
      for (let k = 0; k < n; k++) this.push(Kind.Stolen, i);
    });
    this.slot = -1;
    this.scheduleNextSlot();
  }

  private scheduleNextSlot(): void {
    for (let s = this.slot + 1; s < 60; s++) {
      if (this.slots[s]!.length) {
        this.slot = s;
        this.ctx.sim.clock.at(this.minuteStart + s * 1000, this.onSlot);
        return;
      }
    }
  }

  private readonly onSlot = (): void => {
    if (this.stopped) return;
    const ctx = this.ctx;
    for (const code of this.slots[this.slot]!) {
      const kind = Math.floor(code / SHIFT) as Kind;
      const i = code % SHIFT;
      if (kind === Kind.Send) sendLegit(ctx, this.employees[i]!, this.employees);
      else if (kind === Kind.Receive) receiveLegit(ctx, this.employees[i]!);
      else if (kind === Kind.Bot) botAttempt(ctx, this.bots[i]!);
      else if (kind === Kind.Stolen) stolenSession(ctx, this.stolenAccounts[i]!);
      else spammerSession(ctx, this.spammer);
    }
    this.scheduleNextSlot();
  };
}
