/**
 * Postfix's processes in the mail host's process table: master and its
 * long-lived children (qmgr, pickup), delivery agents, and a pool of smtpd
 * workers that are reused across sessions, so log lines carry the pids `ps`
 * shows — from the host's pid counter, hence deterministic.
 *
 * Each smtpd worker keeps the configuration it read when it started (real
 * smtpd reads main.cf once, at process start). An idle worker exits after
 * max_idle (100 s, virtual clock) and a worker after max_use (100) sessions;
 * `postfix reload` retires every worker (idle ones at once, busy ones when their
 * session ends). So a main.cf edit without reload reaches new sessions on its
 * own, later: as soon as a new worker has to start.
 */
import type { Timer, VirtualClock } from '../core/clock.ts';
import type { ProcessInfo, ProcessTable } from '../host/processes.ts';
import type { MailLog } from './mail-log.ts';

export type PostfixPids = { master: number; qmgr: number; pickup: number; cleanup: number; local: number; smtp: number; bounce: number };

const UNIT = 'postfix.service';
const MAX_USE = 100;
/** master.cf's default max_idle (seconds), as virtual milliseconds. */
export const MAX_IDLE_MS = 100_000;

/** One smtpd process: what it was started with, how often it served, when it goes if left idle. */
type Worker<C> = { pid: number; uses: number; config: C; generation: number; idleTimer?: Timer };

export class PostfixProcesses<C = unknown> {
  pids: PostfixPids = { master: 0, qmgr: 0, pickup: 0, cleanup: 0, local: 0, smtp: 0, bounce: 0 };
  private readonly idle = new Map<string, Worker<C>[]>();
  private readonly workers = new Map<number, Worker<C>>();
  private generation = 0;

  constructor(
    private readonly table: ProcessTable,
    private readonly now: () => number,
    private readonly clock?: VirtualClock,
  ) {
    if (!table.unit(UNIT)) {
      table.units.push({
        name: UNIT, description: 'Postfix Mail Transport Agent', execStart: '/usr/sbin/postfix start', enabled: true, active: false,
        path: '/lib/systemd/system/postfix.service', role: 'postfix',
      });
    }
  }

  private spawn(command: string, user: string, ppid: number, role: string): number {
    const p: Omit<ProcessInfo, 'pid'> = {
      ppid, user, command, startedAt: this.now(), cpu: 0, mem: 0.1, rssKb: 4800, vszKb: 42000, tty: '?', stat: 'S', unit: UNIT, role,
    };
    return this.table.spawn(p).pid;
  }

  /** A pid for a process that lives only for a moment (postfix-script, a dying smtpd). */
  transientPid(): number {
    const pid = this.spawn('/bin/sh /usr/lib/postfix/sbin/postfix-script', 'root', 1, 'postfix-transient');
    this.table.kill(pid);
    return pid;
  }

  start(log: MailLog): void {
    log.write('postfix/postfix-script', this.transientPid(), 'starting the Postfix mail system');
    const master = this.spawn('/usr/lib/postfix/sbin/master -w', 'root', 1, 'postfix-master');
    const child = (cmd: string, role: string) => this.spawn(cmd, 'postfix', master, role);
    this.pids = {
      master,
      qmgr: child('qmgr -l -t unix -u', 'postfix-qmgr'),
      pickup: child('pickup -l -t unix -u -c', 'postfix-pickup'),
      cleanup: child('cleanup -z -t unix -u -c', 'postfix-cleanup'),
      local: child('local -t unix', 'postfix-local'),
      smtp: child('smtp -t unix -u -c', 'postfix-smtp'),
      bounce: child('bounce -z -t unix -u -c', 'postfix-bounce'),
    };
    log.write('postfix/master', master, 'daemon started -- version 3.7.11, configuration /etc/postfix');
    const unit = this.table.unit(UNIT);
    if (unit) unit.active = true;
  }

  stop(log: MailLog): void {
    log.write('postfix/postfix-script', this.transientPid(), 'stopping the Postfix mail system');
    log.write('postfix/master', this.pids.master, 'terminating on signal 15');
    for (const p of this.table.find((p) => p.unit === UNIT)) this.table.kill(p.pid);
    for (const w of this.workers.values()) this.clock?.cancel(w.idleTimer);
    this.idle.clear();
    this.workers.clear();
    const unit = this.table.unit(UNIT);
    if (unit) unit.active = false;
  }

  /** `postfix reload`: every smtpd started before it is retired (idle ones exit now). */
  retireWorkers(): void {
    this.generation++;
    for (const pool of this.idle.values()) for (const w of pool) this.exit(w);
    this.idle.clear();
  }

  /** An idle worker of this service, with the config it started with, or undefined (a new one must start). */
  takeIdle(service: string): { pid: number; config: C } | undefined {
    const w = this.idle.get(service)?.shift();
    if (!w) return undefined;
    this.clock?.cancel(w.idleTimer);
    w.idleTimer = undefined;
    return { pid: w.pid, config: w.config };
  }

  /** The config of the idle worker takeIdle would hand out, leaving it idle. */
  peekIdle(service: string): { pid: number; config: C } | undefined {
    const w = this.idle.get(service)?.[0];
    return w && { pid: w.pid, config: w.config };
  }

  /** Start a new smtpd worker that runs with `config`. */
  spawnSmtpd(service: string, config: C): number {
    const pid = this.spawn(`smtpd -n ${service} -t inet -u -c -o stress= -s 2`, 'postfix', this.pids.master, 'postfix-smtpd');
    this.workers.set(pid, { pid, uses: 0, config, generation: this.generation });
    return pid;
  }

  /** A worker for a session when the caller did not choose one (reuses an idle one or starts one). */
  acquireSmtpd(service: string, config?: C): number {
    return this.takeIdle(service)?.pid ?? this.spawnSmtpd(service, config as C);
  }

  releaseSmtpd(service: string, pid: number): void {
    const w = this.workers.get(pid);
    if (!w || !this.table.find((p) => p.pid === pid).length) return; // postfix was stopped meanwhile
    w.uses++;
    if (w.uses >= MAX_USE || w.generation !== this.generation) return this.exit(w);
    const pool = this.idle.get(service) ?? [];
    pool.push(w);
    pool.sort((a, b) => a.pid - b.pid);
    this.idle.set(service, pool);
    if (this.clock) {
      w.idleTimer = this.clock.after(MAX_IDLE_MS, () => {
        const list = this.idle.get(service) ?? [];
        const i = list.indexOf(w);
        if (i >= 0) list.splice(i, 1);
        this.exit(w);
      });
    }
  }

  private exit(w: Worker<C>): void {
    this.clock?.cancel(w.idleTimer);
    this.table.kill(w.pid);
    this.workers.delete(w.pid);
  }
}
