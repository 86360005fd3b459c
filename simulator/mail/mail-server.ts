/**
 * The Postfix model on mail.corp.example: what master runs (services and
 * listeners from the last start/reload), smtpd workers that each keep the
 * main.cf they read when they started (a new worker reads the file afresh, so
 * an edit without reload arrives later on its own), the queue, mail.log,
 * counters, the postfix.service unit and its processes. Commands and the
 * world model reach it as `sim.mailServer`.
 */
import { SeededRandom } from '../core/rng.ts';
import { staffNames } from '../net/topology.ts';
import { resolveA, resolvePtr } from '../net/dns.ts';
import { MAIN_CF, MASTER_CF, MASTER_THROTTLE_WARNING, msg, newQueueId, type EffectiveConfig, type Lookups } from '../postfix/index.ts';
import type { MailEnv } from './mail-env.ts';
import { MAIL_HOST, buildLookups, loadRunningConfig, type LoadOutcome, type LoadedConfig, type LookupEnv, type MailStats, type RunningService } from './running-config.ts';
import { runBulkSession, type BulkResult, type BulkSession } from './bulk.ts';
import { MailLog } from './mail-log.ts';
import { MailQueue } from './queue.ts';
import { RemoteMxModel } from './remote-mx.ts';
import { SASLDB, parseSaslDb, seedSaslDb } from './sasl-db.ts';
import { ALIASES, SCENARIO_MAIN_CF, SCENARIO_MASTER_CF, SUBMISSION_MASTER_CF, senderAccessText, type HalfClosedLeak, type MailScenario } from './scenarios.ts';
import { SmtpdListener } from './smtpd-wire.ts';
import { PostfixProcesses } from './postfix-processes.ts';

export { MAIL_HOST, SYSTEM, mapFile, servicePort, type LoadOutcome, type MailStats, type RunningService } from './running-config.ts';

/** master(8)'s pause after a child's bad startup (service_throttle_time, 60 s). */
const MASTER_THROTTLE_MS = 60_000;

export class MailServer {
  readonly log: MailLog;
  readonly queue: MailQueue;
  readonly remoteMx: RemoteMxModel;
  readonly rng: SeededRandom;
  readonly procs: PostfixProcesses<RunningService>;
  readonly stats: MailStats;
  running = false;
  services = new Map<string, RunningService>();
  lookups: Lookups = {};
  private main!: EffectiveConfig;
  private readonly listeners = new Map<number, () => void>();
  private readonly ptrCache = new Map<string, string | undefined>();

  constructor(
    readonly sim: MailEnv,
    scenario: MailScenario = 'open',
    /** half-closed only: which senders sender_access trusts (a lab's seed chooses). */
    leak?: HalfClosedLeak,
    /** Start with the submission service (587) enabled in master.cf, as a server set up after lesson 6. */
    submission = false,
  ) {
    // Its own stream, so mail ids do not depend on how many packets the network drew.
    this.rng = new SeededRandom((sim.seed ^ 0x6d61696c) >>> 0);
    this.log = new MailLog(sim.clock, 'mail');
    const q = (this.queue = new MailQueue(this));
    this.stats = { connections: 0, received: 0, relayed: 0, rejected: 0, delivered: 0, deferred: 0, bounced: 0, get queue() { return q.length; } };
    this.remoteMx = new RemoteMxModel(sim, MAIL_HOST, this.rng);
    this.procs = new PostfixProcesses<RunningService>(sim.machine(MAIL_HOST).procs, () => this.now(), sim.clock);
    this.installFiles(scenario, leak, submission);
    sim.unitControls.set(`${MAIL_HOST}:postfix.service`, {
      start: () => void this.start(),
      stop: () => this.stop(),
      reload: () => void this.reload(),
      restart: () => { this.stop(); this.start(); },
    });
    this.start();
  }

  private installFiles(scenario: MailScenario, leak?: HalfClosedLeak, submission = false): void {
    const fs = this.fs();
    fs.write(MAIN_CF, SCENARIO_MAIN_CF[scenario]);
    fs.write(MASTER_CF, submission ? SUBMISSION_MASTER_CF : SCENARIO_MASTER_CF);
    if (scenario === 'half-closed') {
      fs.write('/etc/postfix/sender_access', senderAccessText(leak));
      fs.write('/etc/postfix/sender_access.db', senderAccessText(leak));
    }
    fs.write('/etc/aliases', ALIASES);
    fs.write('/etc/aliases.db', ALIASES);
    fs.write('/etc/mailname', 'corp.example\n');
    fs.write(SASLDB, seedSaslDb(this.sim.seed, this.saslUsers(), MAIL_HOST), 0o640);
    fs.mkdirp('/var/mail');
    fs.live('/var/log/mail.log', () => this.log.text(), () => this.log.lastWrite);
  }

  /** Employees (every staff member has a mailbox) and the admin. */
  saslUsers(): string[] {
    return [...this.staff(), 'admin'];
  }

  /** Everyone with a desk (the fixed EMPLOYEES list, longer only for companies of more than 40 desks). */
  private staff(): readonly string[] {
    // The topology never changes during a run.
    return (this.staffList ??= staffNames(this.sim.topology.hosts.filter((h) => h.role === 'workstation').length));
  }
  private staffList?: readonly string[];

  // ---- facts the session, queue and commands share ----
  now(): number { return this.sim.clock.now(); }
  clock() { return this.sim.clock; }
  fs() { return this.sim.machine(MAIL_HOST).fs; }
  mainConfig(): EffectiveConfig { return this.main; }
  get pids() { return this.procs.pids; }
  saslDbText(): string { return this.fs().tryRead(SASLDB) ?? ''; }
  /** A user's current SMTP AUTH password (for the world's employees and lab solutions). */
  saslPassword(user: string): string | undefined {
    return parseSaslDb(this.saslDbText()).find((u) => u.user === user && u.realm === MAIL_HOST)?.password;
  }
  newQueueId(): string { return newQueueId(this.rng, this.queue); }

  aliases(): Map<string, string> {
    // local(8) reads the indexed file newaliases builds, not /etc/aliases itself.
    const text = this.fs().tryRead('/etc/aliases.db') ?? '';
    // Read on every delivery and every new smtpd: parsed again only when newaliases changed the file.
    if (this.aliasCache?.text !== text) {
      const map = new Map<string, string>();
      for (const line of text.split('\n')) {
        const m = /^([^#:\s]+)\s*:\s*([^,\s]+)/.exec(line);
        if (m) map.set(m[1]!.toLowerCase(), m[2]!.toLowerCase());
      }
      this.aliasCache = { text, map };
    }
    return new Map(this.aliasCache.map);
  }
  private aliasCache?: { text: string; map: Map<string, string> };

  resolveAlias(user: string): string {
    const a = this.aliases();
    let u = user;
    for (let i = 0; i < 10 && a.has(u); i++) u = a.get(u)!;
    return u;
  }

  /** Accounts with a mailbox (local_recipient_maps = passwd + aliases). */
  localUsers(): ReadonlySet<string> {
    // Asked on every local delivery; the account list never changes during a run.
    return (this.localUserSet ??= new Set([...this.staff(), 'admin', 'root', 'postfix']));
  }
  private localUserSet?: ReadonlySet<string>;

  isLocalAddress(address: string): boolean {
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    return this.main.list('mydestination').map((d) => d.toLowerCase()).includes(domain);
  }

  /** Forward-confirmed reverse DNS, as smtpd looks up its client (else `unknown`). */
  clientHostname(ip: string): string | undefined {
    // The topology's names never change, so each address is looked up once.
    if (this.ptrCache.has(ip)) return this.ptrCache.get(ip);
    const name = resolvePtr(this.sim.topology, ip, 'internal');
    const mail = this.sim.findHost(MAIL_HOST)!;
    const confirmed = name && resolveA(this.sim.topology, name, mail) === ip ? name : undefined;
    this.ptrCache.set(ip, confirmed);
    return confirmed;
  }

  /**
   * The smtpd that serves a new connection to this master.cf service, and the config it
   * runs with: an idle worker keeps the config it started with; a new worker reads
   * main.cf and master.cf from disk *now* (no reload needed, as real smtpd does), and
   * dies at startup (`fatal` set) when they are broken or leave no relay rule.
   * undefined: nothing listens (stopped, or the service is not in the running master.cf).
   */
  smtpdFor(service: string, probe = false): RunningService | undefined {
    const listening = this.running ? this.services.get(service) : undefined;
    if (!listening) return undefined;
    // master throttles a service whose smtpd died at startup, reload or not (measured): silence.
    if (this.now() < (this.throttledUntil.get(service) ?? 0)) return { ...listening, fatal: 'throttled', fatalWarnings: [] };
    // A grader's probe (auditView) sees what the next client would get, and moves no worker.
    const idle = probe ? this.procs.peekIdle(service) : this.procs.takeIdle(service);
    if (idle) {
      if (!probe) this.reserved.set(service, idle.pid);
      return idle.config;
    }
    const l = this.load();
    if (!l.ok) return { ...listening, fatal: l.errors[0]!.message, fatalWarnings: [] };
    const svc = l.services!.get(service) ?? listening;
    if (svc.fatal || probe) return svc;
    this.reserved.set(service, this.procs.spawnSmtpd(service, svc));
    return svc;
  }
  /** The worker smtpdFor chose, handed to the session that is being built for it. */
  private readonly reserved = new Map<string, number>();

  acquireSmtpd(service: string): number {
    const pid = this.reserved.get(service);
    if (pid !== undefined) {
      this.reserved.delete(service);
      return pid;
    }
    return this.procs.acquireSmtpd(service, this.services.get(service));
  }

  releaseSmtpd(service: string, pid: number): void {
    this.procs.releaseSmtpd(service, pid);
  }

  // ---- configuration ----
  /** Parse main.cf/master.cf from disk into running services; nothing is applied here. */
  load(): LoadedConfig {
    return loadRunningConfig(this.fs(), this.lookupEnv());
  }

  private lookupEnv(): LookupEnv {
    return { localUsers: [...this.localUsers(), ...this.aliases().keys()], dnsbl: this.sim.dnsbl };
  }

  /** postmap rebuilt a table: smtpd notices changed .db files by itself, no reload needed. */
  refreshLookups(): void {
    if (this.main) this.lookups = buildLookups(this.fs(), [this.main, ...[...this.services.values()].map((s) => s.config)], this.lookupEnv());
  }

  private apply(l: LoadedConfig): void {
    this.main = l.main!;
    this.services = l.services!;
    this.lookups = l.lookups!;
    for (const [port, off] of this.listeners) {
      if (![...this.services.values()].some((s) => s.port === port)) {
        off();
        this.listeners.delete(port);
      }
    }
    if (!this.running) return;
    for (const s of this.services.values()) {
      if (!this.listeners.has(s.port)) this.listeners.set(s.port, this.sim.network.listen(MAIL_HOST, s.port, new SmtpdListener(this, s.name), 'master'));
    }
  }

  private configEvent(action: 'reload' | 'start' | 'stop' | 'refused'): void {
    const ev = this.sim.events;
    if (ev.active) ev.emit({ type: 'config', at: this.now(), action, host: MAIL_HOST });
  }

  start(): LoadOutcome {
    if (this.running) return { ok: true, warnings: [], errors: [] };
    const l = this.load();
    if (!l.ok) {
      this.configEvent('refused');
      return l;
    }
    this.configEvent('start');
    this.running = true;
    this.procs.start(this.log);
    this.apply(l);
    this.queue.schedule();
    return l;
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.throttledUntil.clear();
    this.configEvent('stop');
    for (const off of this.listeners.values()) off();
    this.listeners.clear();
    this.procs.stop(this.log);
  }

  /** `postfix reload`: re-read the files and retire the smtpd workers; a file with a fatal error is refused (and new smtpds die on it anyway). */
  reload(): LoadOutcome {
    const l = this.load();
    if (!l.ok && this.running) this.configEvent('refused');
    if (!l.ok || !this.running) return l;
    this.configEvent('reload');
    this.log.write('postfix/postfix-script', this.procs.transientPid(), 'refreshing the Postfix mail system');
    this.log.write('postfix/master', this.pids.master, msg.reload());
    this.apply(l);
    this.procs.retireWorkers();
    return l;
  }

  /**
   * smtpd died at startup: what it and master write. master then throttles the service
   * for a minute (no new smtpd, so a waiting client hears nothing and nothing is logged);
   * a reload does not end the throttle (measured on Postfix 3.7), a stop/start does.
   */
  logFatal(service: RunningService): void {
    if (this.now() < (this.throttledUntil.get(service.name) ?? 0)) return;
    this.throttledUntil.set(service.name, this.now() + MASTER_THROTTLE_MS);
    const pid = this.procs.transientPid();
    for (const w of service.fatalWarnings ?? []) this.log.write(service.program, pid, `warning: ${w}`);
    this.log.write(service.program, pid, msg.fatal(service.fatal!));
    this.log.write('postfix/master', this.pids.master, `warning: process /usr/lib/postfix/sbin/smtpd pid ${pid} exit status 1`);
    this.log.write('postfix/master', this.pids.master, MASTER_THROTTLE_WARNING);
  }
  private readonly throttledUntil = new Map<string, number>();

  /**
   * A client whose smtpd died waits in master's listen queue; when the throttle ends
   * master starts a new smtpd (reading the files as they are then), which takes it.
   */
  afterThrottle(service: string, retry: () => void): void {
    this.sim.clock.at(Math.max(this.now(), this.throttledUntil.get(service) ?? 0), retry);
  }

  runSession(s: BulkSession): BulkResult {
    return runBulkSession(this, s);
  }

  /**
   * Counters of traffic the world's counted history summarised (world/counted.ts):
   * no session ran, so nothing else changes — no log line, no queue entry.
   */
  countHistory(delta: Partial<Record<'connections' | 'received' | 'relayed' | 'rejected' | 'delivered' | 'deferred' | 'bounced', number>>): void {
    const s = this.stats as unknown as Record<string, number>;
    for (const [k, v] of Object.entries(delta)) if (v) s[k] = (s[k] ?? 0) + v;
  }

  /** Numbers smtpd sessions for the event stream (never shown to the learner). */
  nextSessionNumber(): number {
    return ++this.sessionNumber;
  }
  private sessionNumber = 0;

  /**
   * The server as the grader's probes meet it: the same configuration, lookups
   * and decisions, but its traces land in a scratch log and counters, smtpd
   * pids are not taken from the pool and queue ids come from a stream of their
   * own — so an audit leaves mail.log, mailstats, `ps` and the next queue id
   * exactly as the learner left them. Probes stop before DATA; nothing queues.
   */
  auditView(): MailServer {
    const view = Object.create(this) as MailServer;
    const zero = { connections: 0, received: 0, relayed: 0, rejected: 0, delivered: 0, deferred: 0, bounced: 0, queue: 0 };
    Object.defineProperties(view, {
      log: { value: new MailLog(this.sim.clock, 'mail') },
      stats: { value: zero },
      rng: { value: this.auditRng },
      acquireSmtpd: { value: () => this.pids.master },
      releaseSmtpd: { value: () => undefined },
      logFatal: { value: () => undefined },
      auditing: { value: true },
    });
    return view;
  }
  /** True on an auditView: sessions on it are probes. */
  readonly auditing: boolean = false;
  private readonly auditRng = new SeededRandom(0x61756469);
}
