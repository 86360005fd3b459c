/**
 * Lab 7 judged on the world: a bot killed but not uninstalled comes back and
 * the check sees it; delisting before the spam stops, reimaging the wrong desk,
 * postsuper -d ALL and changing passwords under a running keylogger fail with
 * their reason; cleaning by hand (persistence first) passes.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { labSimulation, runAttempt } from '../../../simulator/labs/attempt.ts';
import { seedFacts, stepLines } from '../../../simulator/labs/scenario.ts';
import { BOT_ROLE } from '../../../simulator/world/bot-host.ts';

const lab = loadLab('clean-up');
const lines = (id: string, seed: number) => stepLines(lab, lab.steps.find((s) => s.id === id)!, seed);

async function verdicts(seed: number, typed: readonly string[]) {
  const r = await runAttempt(lab, seed, typed);
  return Object.fromEntries(r.verdicts.map((v) => [v.stepId, v]));
}

/** The bots as the learner finds them when the lab starts (same seed, same world). */
function botsAtStart(seed: number) {
  const sim = labSimulation(lab, seed);
  return sim.world!.bots.map((b) => ({
    desk: b.host.short,
    pid: sim.machine(b.host.name).procs.processes.find((p) => p.role === BOT_ROLE)!.pid,
    profile: b.profile,
  }));
}

const AFTER = (seed: number) => [...lines('quiet', seed), ...lines('delist', seed), ...lines('answer-isp', seed)];

describe('clean-up: wrong fixes fail, naming what is wrong', () => {
  it('killing the bot process but leaving what restarts it: the bot comes back', async () => {
    const seed = 5;
    const kills = botsAtStart(seed).flatMap((b) => [`ssh ${b.desk}`, `kill ${b.pid}`, 'ps aux', 'exit']);
    const soon = await verdicts(seed, kills);
    expect(soon['clean-desks']!.reason).toMatch(/^the spambot (on ws\d\d was stopped but (the crontab line of \w+ that starts it|the systemd unit \S+ \(Restart=always\)) is still there, so it comes back within a minute|still runs on ws\d\d)/);
    const later = await verdicts(seed, [...kills, 'advance 5m']);
    expect(later['clean-desks']!.reason).toMatch(/^the spambot still runs on ws\d\d; 1 more desk not clean\.$/);
  }, 60_000);

  it('delisting before the spam has stopped is refused, and the step says so', async () => {
    const seed = 1;
    const v = await verdicts(seed, ['delist 203.0.113.10', ...lines('clean-desks', seed), ...lines('passwords', seed), 'advance 8h']);
    expect(v.delist!.pass).toBe(false);
    expect(v.delist!.reason).toMatch(/^203\.0\.113\.10 is still listed on zen\.dnsbl\.example \(.*\) — your delisting request at 12:00 was refused: spam from 203\.0\.113\.10 was still seen at 12:00 UTC/);
  }, 60_000);

  it('reimaging the wrong desk leaves the real bot running, and names the healthy desk', async () => {
    const seed = 42;
    const facts = seedFacts(lab, seed);
    const healthy = ['ws01', 'ws02', 'ws03'].find((d) => d !== facts['infected.1'] && d !== facts['infected.2'])!;
    const v = await verdicts(seed, [`reimage ${facts['infected.1']}`, `reimage ${healthy}`, 'advance 2h']);
    expect(v['clean-desks']!.reason).toBe(`the spambot still runs on ${facts['infected.2']} (${healthy}, which you reimaged, was never infected).`);
  }, 60_000);

  it("postsuper -d ALL throws away the colleagues' waiting mail", async () => {
    const seed = 1;
    const v = await verdicts(seed, ['ssh mail', 'postsuper -d ALL', 'exit', ...lines('clean-desks', seed), ...lines('passwords', seed), ...AFTER(seed)]);
    expect(v['clean-desks']!.pass).toBe(false);
    expect(v['clean-desks']!.reason).toMatch(/^You deleted legitimate mail: 2 messages \(\w+@corp\.example → orders@freemail\.example/);
    expect(v.delist!.pass).toBe(true);
  }, 60_000);

  it('changing the passwords while the bots still run: the keyloggers capture the new ones', async () => {
    const seed = 1;
    const v = await verdicts(seed, [...lines('passwords', seed), 'advance 2m', ...lines('clean-desks', seed), 'advance 2h']);
    expect(v['clean-desks']!.pass).toBe(true);
    expect(v.passwords!.reason).toMatch(/^\w+'s new password was captured too: the bot on ws\d\d still ran when it was changed \(12:0\d\)\. Clean the desk first/);
  }, 60_000);
});

describe('clean-up: an alternative correct fix passes', () => {
  it.each([5, 42])('cleaning by hand: persistence removed first, then the process (seed %i)', async (seed) => {
    const byHand = botsAtStart(seed).flatMap((b) => [
      `ssh root@${b.desk}`,
      ...(b.profile.persistence === 'cron' ? [`crontab -r -u ${b.profile.user}`, `kill ${b.pid}`] : [`systemctl stop ${b.profile.unit}`, `systemctl disable ${b.profile.unit}`]),
      'exit',
    ]);
    const v = await verdicts(seed, [...byHand, ...lines('passwords', seed), ...AFTER(seed)]);
    expect(Object.values(v).filter((x) => !x.pass).map((x) => `${x.stepId}: ${x.reason}`)).toEqual([]);
  }, 60_000);
});
