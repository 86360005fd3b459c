/**
 * A spambot's foothold on a workstation: the process `ps aux` shows and the
 * persistence that brings it back (a crontab line or a systemd unit with
 * Restart=always, chosen by the seed). Everything lives in the host's
 * ProcessTable, so the learner's kill/crontab -r/systemctl really act on it.
 */
import type { SeededRandom } from '../core/rng.ts';
import type { Machine } from '../host/machine.ts';

export const BOT_ROLE = 'spambot';

const BINARIES = ['svchost32.exe', 'winupdtr.exe', 'msmpsvc.exe', 'dllhst3g.exe', 'ctfmon64.exe'];
const DIRS = ['AppData\\Roaming\\Microsoft\\Network', 'AppData\\Local\\Temp\\WinSxS', 'AppData\\Roaming\\Intel\\Drivers'];
const UNITS = ['wupdate.service', 'netsvc-helper.service', 'msupd.service'];

export type BotProfile = {
  command: string;
  persistence: 'cron' | 'systemd';
  /** Unit name when persistence is systemd. */
  unit?: string;
  user: string;
  /** The desk user's mail password as the bot captured it at infection (undefined: the user has none). */
  stolenPassword?: string;
};

export function chooseBotProfile(rng: SeededRandom, user: string): BotProfile {
  const bin = rng.pick(BINARIES);
  const command = `C:\\Users\\${user}\\${rng.pick(DIRS)}\\${bin} -k netsvcs`;
  return rng.chance(0.5)
    ? { command, persistence: 'cron', user }
    : { command, persistence: 'systemd', unit: rng.pick(UNITS), user };
}

/** Put the bot and its persistence on the machine (scenario start). */
export function installBot(m: Machine, p: BotProfile, now: number): void {
  if (p.persistence === 'cron') {
    const line = `* * * * * ${p.command} >/dev/null 2>&1\n`;
    m.procs.crontabs[p.user] = (m.procs.crontabs[p.user] ?? '') + line;
  } else {
    m.procs.units.push({
      name: p.unit!,
      description: 'Windows Update Helper Service',
      execStart: p.command,
      enabled: true,
      active: true,
      path: `/etc/systemd/system/${p.unit}`,
      role: BOT_ROLE,
      restartAlways: true,
    });
  }
  spawnBot(m, p, now);
}

export function spawnBot(m: Machine, p: BotProfile, now: number): void {
  m.procs.spawn({
    ppid: p.persistence === 'systemd' ? 1 : 2,
    user: p.user,
    command: p.command,
    startedAt: now,
    cpu: 2.7,
    mem: 0.4,
    rssKb: 18_432,
    vszKb: 96_212,
    tty: '?',
    stat: 'Sl',
    unit: p.unit,
    role: BOT_ROLE,
  });
}

export function botRunning(m: Machine): boolean {
  return m.procs.processes.some((x) => x.role === BOT_ROLE);
}

/** Would something start the bot again? A crontab line naming it, or an active unit (Restart=always). */
export function persistenceLeft(m: Machine, p: BotProfile): boolean {
  const bin = p.command.split(' ')[0]!;
  if (Object.values(m.procs.crontabs).some((t) => t.split('\n').some((l) => l.includes(bin) && !l.trimStart().startsWith('#')))) return true;
  const u = m.procs.units.find((x) => x.role === BOT_ROLE || x.execStart.includes(bin));
  return !!u && u.active;
}

/** Reimage: a clean process table — no bot, no unit, no crontab line naming it. */
export function cleanMachine(m: Machine): void {
  m.procs.processes = m.procs.processes.filter((x) => x.role !== BOT_ROLE);
  m.procs.units = m.procs.units.filter((x) => x.role !== BOT_ROLE);
  m.procs.crontabs = {};
}
