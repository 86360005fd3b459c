/**
 * Postfix's processes in the mail host's process table: master and its
 * long-lived children (qmgr, pickup), delivery agents, and a pool of smtpd
 * workers that are reused across sessions (up to max_use = 100), so log
 * lines carry the pids `ps` shows — from the host's pid counter, hence
 * deterministic.
 */
import type { ProcessInfo, ProcessTable } from '../host/processes.ts';
import type { MailLog } from './mail-log.ts';

export type PostfixPids = { master: number; qmgr: number; pickup: number; cleanup: number; local: number; smtp: number; bounce: number };

const UNIT = 'postfix.service';
const MAX_USE = 100;

export class PostfixProcesses {
  pids: PostfixPids = { master: 0, qmgr: 0, pickup: 0, cleanup: 0, local: 0, smtp: 0, bounce: 0 };
  private readonly idle = new Map<string, { pid: number; uses: number }[]>();
  private readonly uses = new Map<number, number>();

  constructor(
    private readonly table: ProcessTable,
    private readonly now: () => number,
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
    this.idle.clear();
    this.uses.clear();
    const unit = this.table.unit(UNIT);
    if (unit) unit.active = false;
  }

  acquireSmtpd(service: string): number {
    const pool = this.idle.get(service) ?? [];
    this.idle.set(service, pool);
    const w = pool.shift();
    if (w) return w.pid;
    const pid = this.spawn(`smtpd -n ${service} -t inet -u -c -o stress= -s 2`, 'postfix', this.pids.master, 'postfix-smtpd');
    this.uses.set(pid, 0);
    return pid;
  }

  releaseSmtpd(service: string, pid: number): void {
    const n = (this.uses.get(pid) ?? 0) + 1;
    if (!this.table.find((p) => p.pid === pid).length) return; // postfix was stopped meanwhile
    if (n >= MAX_USE) {
      this.table.kill(pid);
      this.uses.delete(pid);
      return;
    }
    this.uses.set(pid, n);
    const pool = this.idle.get(service) ?? [];
    pool.push({ pid, uses: n });
    pool.sort((a, b) => a.pid - b.pid);
    this.idle.set(service, pool);
  }
}
