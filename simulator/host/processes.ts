/**
 * What runs on a host: processes, systemd units and crontabs, as plain data.
 * ps/kill/systemctl/crontab read and change it; the living world (bots and
 * their persistence) lives in it, so a learner's `kill` really stops a bot
 * and a leftover unit or cron line really brings it back.
 */
export type ProcessInfo = {
  pid: number;
  ppid: number;
  user: string;
  /** Full command line as `ps aux` shows it. */
  command: string;
  startedAt: number;
  /** Simulated resource use for ps columns. */
  cpu: number;
  mem: number;
  rssKb: number;
  vszKb: number;
  tty: string;
  stat: string;
  /** systemd unit that owns it, if any. */
  unit?: string;
  /** Opaque tag for the simulation (e.g. 'spambot', 'postfix-master'). */
  role?: string;
};

export type UnitInfo = {
  name: string; // e.g. "postfix.service"
  description: string;
  execStart: string;
  enabled: boolean;
  active: boolean;
  /** Unit file path shown by systemctl status. */
  path: string;
  role?: string;
  /** Restart=always: a killed main process is started again (only `systemctl stop` ends it). */
  restartAlways?: boolean;
};

export class ProcessTable {
  processes: ProcessInfo[] = [];
  units: UnitInfo[] = [];
  /** user → crontab text */
  crontabs: Record<string, string> = {};
  private nextPid: number;

  constructor(firstPid = 400) {
    this.nextPid = firstPid;
  }

  spawn(p: Omit<ProcessInfo, 'pid'> & { pid?: number }): ProcessInfo {
    const proc: ProcessInfo = { ...p, pid: p.pid ?? this.nextPid++ };
    this.processes.push(proc);
    return proc;
  }

  kill(pid: number): ProcessInfo | undefined {
    const idx = this.processes.findIndex((p) => p.pid === pid);
    if (idx < 0) return undefined;
    const [proc] = this.processes.splice(idx, 1);
    return proc;
  }

  find(pred: (p: ProcessInfo) => boolean): ProcessInfo[] {
    return this.processes.filter(pred);
  }

  unit(name: string): UnitInfo | undefined {
    const full = name.includes('.') ? name : `${name}.service`;
    return this.units.find((u) => u.name === full);
  }

  snapshot(): { processes: ProcessInfo[]; units: UnitInfo[]; crontabs: Record<string, string>; nextPid: number } {
    return structuredClone({ processes: this.processes, units: this.units, crontabs: this.crontabs, nextPid: this.nextPid });
  }
}
