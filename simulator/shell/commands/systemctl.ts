/**
 * systemctl and journalctl over the host's units. Actions go through
 * sim.unitControls when the service's owner registered hooks (postfix really
 * stops listening); otherwise the unit's processes are stopped and started here.
 */
import type { UnitInfo } from '../../host/processes.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { look } from '../look.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const stamp = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
};
const ago = (ms: number) => (ms < 60_000 ? `${Math.floor(ms / 1000)}s ago` : ms < 3_600_000 ? `${Math.floor(ms / 60_000)}min ago` : ms < 86_400_000 ? `${Math.floor(ms / 3_600_000)}h ago` : `${Math.floor(ms / 86_400_000)} days ago`);
const fullName = (n: string) => (n.includes('.') ? n : `${n}.service`);

function status(ctx: CommandContext, unit: UnitInfo): number {
  const procs = ctx.machine.procs.find((p) => p.unit === unit.name);
  const since = procs.length ? Math.min(...procs.map((p) => p.startedAt)) : ctx.sim.clock.now();
  ctx.out(`${unit.active ? '●' : '○'} ${unit.name} - ${unit.description}\n`);
  ctx.out(`     Loaded: loaded (${unit.path}; ${unit.enabled ? 'enabled' : 'disabled'}; preset: enabled)\n`);
  if (!unit.active) {
    ctx.out('     Active: inactive (dead)\n');
    return 3;
  }
  ctx.out(`     Active: active (running) since ${stamp(since)}; ${ago(ctx.sim.clock.now() - since)}\n`);
  if (procs[0]) ctx.out(`   Main PID: ${procs[0].pid} (${procs[0].command.split(/\s/)[0]!.split('/').pop()})\n`);
  ctx.out(`      Tasks: ${Math.max(1, procs.length)} (limit: 2307)\n     CGroup: /system.slice/${unit.name}\n`);
  procs.forEach((p, i) => ctx.out(`             ${i === procs.length - 1 ? '└─' : '├─'}${p.pid} ${p.command}\n`));
  return 0;
}

function act(ctx: CommandContext, unit: UnitInfo, verb: string): void {
  const control = ctx.sim.unitControls.get(`${ctx.machine.host.name}:${unit.name}`);
  if (control && (verb === 'start' || verb === 'stop' || verb === 'reload' || verb === 'restart')) {
    control[verb]();
    return;
  }
  const procs = ctx.machine.procs;
  if (verb === 'stop' || verb === 'restart') {
    for (const p of procs.find((p) => p.unit === unit.name)) procs.kill(p.pid);
    unit.active = false;
  }
  if (verb === 'start' || verb === 'restart') {
    if (!procs.find((p) => p.unit === unit.name).length) {
      procs.spawn({ ppid: 1, user: 'root', command: unit.execStart, startedAt: ctx.sim.clock.now(), cpu: 0, mem: 0.2, rssKb: 4200, vszKb: 12000, tty: '?', stat: 'Ss', unit: unit.name, role: unit.role });
    }
    unit.active = true;
  }
}

function systemctl(ctx: CommandContext): number {
  const [verb, ...names] = ctx.args.filter((a) => !a.startsWith('-'));
  if (!verb || verb === 'status' || verb === 'list-units') look(ctx, 'units');
  if (!verb || verb === 'list-units') {
    for (const u of ctx.machine.procs.units) ctx.out(`  ${u.name.padEnd(28)} loaded ${u.active ? 'active   running' : 'inactive dead   '} ${u.description}\n`);
    return 0;
  }
  const verbs = ['status', 'start', 'stop', 'restart', 'reload', 'enable', 'disable', 'is-active', 'is-enabled'];
  if (!verbs.includes(verb)) {
    ctx.err(`Unknown command verb '${verb}'.\n`);
    return 1;
  }
  if (names.length === 0) {
    ctx.err(`Too few arguments.\n`);
    return 1;
  }
  let code = 0;
  for (const name of names) {
    const unit = ctx.machine.procs.unit(name);
    if (!unit) {
      ctx.err(verb === 'status' ? `Unit ${fullName(name)} could not be found.\n` : `Failed to ${verb} ${fullName(name)}: Unit ${fullName(name)} not found.\n`);
      code = verb === 'status' ? 4 : 5;
      continue;
    }
    if (verb === 'status') code = Math.max(code, status(ctx, unit));
    else if (verb === 'is-active') (ctx.out(unit.active ? 'active\n' : 'inactive\n'), (code = unit.active ? code : 3));
    else if (verb === 'is-enabled') (ctx.out(unit.enabled ? 'enabled\n' : 'disabled\n'), (code = unit.enabled ? code : 1));
    else if (ctx.user !== 'root') {
      ctx.err(`Failed to ${verb} ${unit.name}: Interactive authentication required.\nSee system logs and 'systemctl status ${unit.name}' for details.\n`);
      code = 1;
    } else if (verb === 'enable' || verb === 'disable') {
      const link = `/etc/systemd/system/multi-user.target.wants/${unit.name}`;
      if (verb === 'enable' && !unit.enabled) ctx.err(`Created symlink ${link} → ${unit.path}.\n`);
      if (verb === 'disable' && unit.enabled) ctx.err(`Removed "${link}".\n`);
      unit.enabled = verb === 'enable';
    } else act(ctx, unit, verb);
  }
  return code;
}

/** journalctl -u NAME: the unit's lines from the host's logs (syslog format, as journalctl prints). */
function journalctl(ctx: CommandContext): number {
  const u = ctx.args.indexOf('-u');
  const n = ctx.args.indexOf('-n');
  const name = u >= 0 ? ctx.args[u + 1] : undefined;
  const unit = name ? ctx.machine.procs.unit(name) : undefined;
  const base = (name ?? '').replace(/\.service$/, '').replace(/@.*$/, '');
  const fs = ctx.machine.fs;
  const files = fs.isDir('/var/log') ? fs.list('/var/log').filter((f) => f.endsWith('.log') || f === 'syslog') : [];
  let lines = files.flatMap((f) => (fs.tryRead(`/var/log/${f}`) ?? '').split('\n')).filter((l) => l && (!name || l.includes(` ${base}[`) || l.includes(` ${base}/`) || l.includes(` ${base}:`)));
  if (n >= 0) lines = lines.slice(-Math.max(0, Number(ctx.args[n + 1]) || 10));
  if (name && !unit && lines.length === 0) {
    ctx.out('-- No entries --\n');
    return 0;
  }
  ctx.out(lines.length ? lines.join('\n') + '\n' : '-- No entries --\n');
  return 0;
}

export const systemdCommands: CommandSpec[] = [
  {
    name: 'systemctl',
    summary: 'inspect and control services',
    usage: 'systemctl status|start|stop|restart|reload|enable|disable NAME',
    man: 'status NAME shows whether a service runs, since when, and its processes (exit 3 when inactive).\nstart/stop/restart/reload change it now; enable/disable decide whether it starts at boot —\na stopped but enabled service comes back after a reboot.',
    run: systemctl,
  },
  {
    name: 'journalctl',
    summary: "a service's log lines",
    usage: 'journalctl -u NAME [-n N]',
    man: 'Prints the log lines of unit NAME (e.g. journalctl -u postfix); -n N only the last N.',
    run: journalctl,
  },
];
