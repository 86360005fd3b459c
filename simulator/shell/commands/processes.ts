/**
 * ps aux, kill and crontab over the host's ProcessTable. The living world
 * keeps its bots there, so `kill` really stops one and `crontab -l` shows
 * what brings it back.
 */
import type { CommandContext, CommandSpec } from '../command-spec.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function start(ms: number, now: number): string {
  const d = new Date(ms);
  if (now - ms < 86_400_000) return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${MONTHS[d.getUTCMonth()]}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function cpuTime(p: { cpu: number; startedAt: number }, now: number): string {
  const seconds = Math.floor(((now - p.startedAt) / 1000) * (p.cpu / 100));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function ps(ctx: CommandContext): number {
  const now = ctx.sim.clock.now();
  const procs = [...ctx.machine.procs.processes].sort((a, b) => a.pid - b.pid);
  ctx.out('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
  for (const p of procs) {
    ctx.out(
      `${p.user.slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${p.cpu.toFixed(1).padStart(4)} ${p.mem.toFixed(1).padStart(4)} ${String(p.vszKb).padStart(6)} ${String(p.rssKb).padStart(5)} ${p.tty.padEnd(8)} ${p.stat.padEnd(4)} ${start(p.startedAt, now).padStart(5)} ${cpuTime(p, now).padStart(6)} ${p.command}\n`,
    );
  }
  return 0;
}

function kill(ctx: CommandContext): number {
  const pids = ctx.args.filter((a) => !a.startsWith('-'));
  if (pids.length === 0) {
    ctx.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  }
  let code = 0;
  for (const arg of pids) {
    const pid = Number(arg);
    if (!Number.isInteger(pid)) {
      ctx.err(`-bash: kill: ${arg}: arguments must be process or job IDs\n`);
      code = 1;
      continue;
    }
    const target = ctx.machine.procs.find((p) => p.pid === pid)[0];
    if (target && ctx.user !== 'root' && target.user !== ctx.user) {
      ctx.err(`-bash: kill: (${pid}) - Operation not permitted\n`);
      code = 1;
      continue;
    }
    const killed = ctx.machine.procs.kill(pid);
    if (!killed) {
      ctx.err(`-bash: kill: (${pid}) - No such process\n`);
      code = 1;
      continue;
    }
    // The event stream hears of spambots stopping (the world's role tag; the learner sees only the command line).
    if (killed.role === 'spambot' && ctx.sim.events.active) ctx.sim.events.emit({ type: 'bot', at: ctx.sim.clock.now(), action: 'stopped', host: ctx.machine.host.name, pid });
    // A unit whose last process died is no longer running (systemd would notice) — unless Restart=always brings it back.
    if (killed.unit && !ctx.machine.procs.find((p) => p.unit === killed.unit).length) {
      const unit = ctx.machine.procs.unit(killed.unit);
      if (unit && !unit.restartAlways) unit.active = false;
    }
  }
  return code;
}

function crontab(ctx: CommandContext): number {
  const u = ctx.args.indexOf('-u');
  const user = u >= 0 ? (ctx.args[u + 1] ?? ctx.user) : ctx.user;
  const tabs = ctx.machine.procs.crontabs;
  if (ctx.args.includes('-r')) {
    if (!tabs[user]) {
      ctx.err(`no crontab for ${user}\n`);
      return 1;
    }
    delete tabs[user];
    return 0;
  }
  if (ctx.args.includes('-l')) {
    if (!tabs[user]) {
      ctx.err(`no crontab for ${user}\n`);
      return 1;
    }
    ctx.out(tabs[user]!.endsWith('\n') ? tabs[user]! : tabs[user] + '\n');
    return 0;
  }
  ctx.err(`usage:\tcrontab [-u user] file\n\tcrontab [ -u user ] { -l | -r }\n\t\t(default operation is replace, per 1003.2)\n\t-l\t(list user's crontab)\n\t-r\t(delete user's crontab)\n`);
  return 1;
}

export const processCommands: CommandSpec[] = [
  {
    name: 'ps',
    summary: 'list running processes (ps aux)',
    usage: 'ps aux',
    man: 'Lists processes: USER, PID, CPU and memory use, start time and full command line.\nLook for programs that should not be there (odd names, running from /tmp or a home directory).',
    run: ps,
  },
  {
    name: 'kill',
    summary: 'stop a process by PID',
    usage: 'kill [-9] PID...',
    man: 'Sends a signal (TERM; -9 KILL) to each PID. A process started by a systemd unit or a\ncron job may come back: check `systemctl status`, `crontab -l` as well.',
    run: kill,
  },
  {
    name: 'crontab',
    summary: "list or remove a user's scheduled jobs",
    usage: 'crontab [-u USER] -l | -r',
    man: 'crontab -l lists the current user\'s cron table (root: -u USER for another user); -r removes it.\nLines are "minute hour day month weekday command"; @reboot runs at every start.',
    run: crontab,
  },
];
