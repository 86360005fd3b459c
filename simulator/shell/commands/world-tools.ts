/**
 * Commands that reach the living world: move the clock (`advance`), clean a
 * machine (`reimage`), ask the DNSBL for removal (`delist`), read the
 * postmaster mailbox (`mail`) and report traffic (`mailstats`).
 */
import { asctime } from '../../core/time-format.ts';
import { passTime } from './pass-time.ts';
import type { Host } from '../../net/topology.ts';
import type { CommandContext, CommandSpec } from '../command-spec.ts';
import { mailPortOf } from '../../world/mail-port.ts';
import { daySummary, rawCounters, summary } from '../../world/mailstats-format.ts';
import { readMailbox } from '../../world/postmaster-box.ts';
import { look } from '../look.ts';

const on = (...shorts: string[]) => (h: Host) => shorts.includes(h.short);
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "10m", "1h30m", "1d", a bare number = seconds. Undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)?/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * UNITS[m[2] ?? 's']!;
    end = re.lastIndex;
  }
  return end === text.length && text.length > 0 ? Math.round(total) : undefined;
}

type WorldReply = { ok: boolean; message: string };

/** Print a world service's answer on stdout (accepted) or stderr (refused); exit 0 or 1. */
function report(ctx: CommandContext, r: WorldReply): number {
  if (r.ok) ctx.out(r.message + '\n');
  else ctx.err(r.message + '\n');
  return r.ok ? 0 : 1;
}

const advance: CommandSpec = {
  name: 'advance',
  summary: 'move the simulated clock forward (the world runs meanwhile)',
  usage: 'advance DURATION',
  man: 'Moves virtual time forward by DURATION (e.g. 30s, 10m, 1h, 1h30m, 1d; a bare number is\nseconds). Everything scheduled on the way runs: employees send and receive mail, bots\nsend spam, queued mail is delivered or deferred, the DNSBL and the ISP react.\nPrints the new time and what happened meanwhile. Limit: 7d per call.',
  run: async (ctx) => {
    const ms = ctx.args[0] ? parseDuration(ctx.args[0]) : undefined;
    if (ms === undefined || ms > 7 * 86_400_000) {
      ctx.err('usage: advance DURATION   (e.g. 30s, 10m, 1h, 1d; at most 7d)\n');
      return 2;
    }
    const w = ctx.sim.world;
    const before = w && { sent: w.ledger.legitSent, failed: w.ledger.legitFailed, spam: w.ledger.spamAttempts };
    if (!(await passTime(ctx, ms))) return 130;
    ctx.out(`${asctime(ctx.sim.clock.now())}\n`);
    if (w && before) {
      ctx.out(`meanwhile: ${w.ledger.legitSent - before.sent} legitimate messages (${w.ledger.legitFailed - before.failed} lost), ${w.ledger.spamAttempts - before.spam} spam attempts\n`);
    }
    return 0;
  },
};

const reimage: CommandSpec = {
  name: 'reimage',
  summary: 'wipe and reinstall a workstation (takes a while)',
  usage: 'reimage HOST',
  man: 'Takes workstation HOST off the network at once and reinstalls it from the clean\ncompany image. The machine comes back after a delay (2 h of simulated time by\ndefault) with a clean process table: no unknown processes, no systemd units or\ncrontab lines left behind. Anything running on it stops immediately.',
  availableOn: on('fw', 'ops'),
  run: (ctx) => {
    const w = ctx.sim.world;
    if (!ctx.args[0]) return ctx.err('usage: reimage HOST\n'), 2;
    if (!w) return ctx.err('reimage: the reimaging service is not available in this lab\n'), 1;
    return report(ctx, w.reimage(ctx.args[0]));
  },
};

const delist: CommandSpec = {
  name: 'delist',
  summary: 'ask the DNS blocklist to remove an address',
  usage: 'delist IP',
  man: 'Files a removal request with the zen.dnsbl.example blocklist for IP. The operator\nrefuses while spam from that address is still being seen (fix the cause first and\nlet it stay quiet for an hour); an accepted request takes effect some hours later,\nunless spam resumes meanwhile. Check the result with: dig +short D.C.B.A.zen.dnsbl.example',
  availableOn: on('ops'),
  run: (ctx) => {
    const ip = ctx.args[0];
    if (!ip || !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return ctx.err('usage: delist IP\n'), 2;
    const w = ctx.sim.world;
    if (!w) return ctx.err('delist: the blocklist operator cannot be reached in this lab\n'), 1;
    return report(ctx, w.requestDelist(ip));
  },
};

const mail: CommandSpec = {
  name: 'mail',
  summary: "read postmaster's mailbox on the mail server",
  usage: 'mail [-u USER] [list | read N]',
  man: "Reads the mbox of USER (default postmaster) on mail.corp.example, following\n/etc/aliases as local delivery does (postmaster usually ends up in admin's mailbox).\n  mail, mail list   one line per message: number, sender, date, subject\n  mail read N       print message N in full (headers and body)",
  availableOn: on('ops'),
  run: (ctx) => {
    const args = [...ctx.args];
    let user = 'postmaster';
    if (args[0] === '-u') {
      user = args[1] ?? '';
      args.splice(0, 2);
    }
    if (!user) return ctx.err('usage: mail [-u USER] [list | read N]\n'), 2;
    const { owner, items } = readMailbox(ctx.sim, user);
    look(ctx, 'mailbox', owner);
    if (!args.length || args[0] === 'list') {
      if (!items.length) return ctx.out(`No mail for ${user}\n`), 0;
      ctx.out(`"/var/mail/${owner}": ${items.length} message${items.length === 1 ? '' : 's'}\n`);
      for (const i of items) ctx.out(`${pad(i.index, 4)} ${i.from.slice(0, 30).padEnd(30)} ${i.date.slice(0, 22).padEnd(22)} ${i.subject}\n`);
      return 0;
    }
    const n = Number(args[args[0] === 'read' ? 1 : 0]);
    const item = items[n - 1];
    if (!item) return ctx.err(`mail: no message ${args[1] ?? args[0]}\n`), 1;
    ctx.out(item.raw.endsWith('\n') ? item.raw : item.raw + '\n');
    return 0;
  },
};

function pad(n: number, w: number): string {
  return String(n).padStart(w);
}

const mailstats: CommandSpec = {
  name: 'mailstats',
  summary: 'pflogsumm-style mail traffic report (also --raw, --json)',
  usage: 'mailstats [--raw | --json | --day YYYY-MM-DD]',
  man: 'Summarises the mail server: grand totals (received, delivered, relayed, deferred,\nbounced, rejected, queue), traffic per hour, outbound TCP/25 connections per LAN host\nas counted by the firewall, and legitimate mail that was lost; over more than a day, a line per day.\n  --day DATE  that day hour by hour, and outbound TCP/25 per LAN host that day\n  --raw   counters as "name value" lines\n  --json  the hourly metrics as JSON (for charts)',
  availableOn: on('mail', 'ops'),
  run: (ctx) => {
    const stats = mailPortOf(ctx.sim)?.stats;
    const w = ctx.sim.world;
    look(ctx, 'stats');
    if (ctx.args[0] === '--json') ctx.out(JSON.stringify(w ? w.metrics() : { hours: [] }) + '\n');
    else if (ctx.args[0] === '--raw') ctx.out(rawCounters(stats, w));
    else if (ctx.args[0] === '--day' && ctx.args.length === 2) {
      const day = daySummary(w, ctx.args[1]!);
      if (day === undefined) return ctx.err(`mailstats: no traffic recorded on ${ctx.args[1]} (dates look like 2026-03-05)\n`), 1;
      ctx.out(day);
    } else if (ctx.args.length) return ctx.err('usage: mailstats [--raw | --json | --day YYYY-MM-DD]\n'), 2;
    else ctx.out(summary(stats, w));
    return 0;
  },
};

export const worldCommands: CommandSpec[] = [advance, reimage, delist, mail, mailstats];
