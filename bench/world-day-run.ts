/**
 * One simulated day of a 200-employee company, shared by the Node and the
 * Chromium bench. The topology has at most 40 desks, so each desk's user
 * carries five people's mail (~5,000 legitimate messages); 5 bots and the
 * outside spammer make ~50,000 spam attempts.
 */
import { Simulation } from '../simulator/simulation.ts';

export const WORLD_DAY = {
  workstations: 40,
  infected: [3, 9, 17, 26, 33],
  world: { sendsPerEmployee: 60, receivesPerEmployee: 65, spamPerBot: 9_000, spammerSessions: 1_000, spammerRcpts: 5 },
};

export type WorldDayResult = { ms: number; legit: number; spam: number; mailLogLines: number; fwLogBytes: number };

/** Runs the day; `keep` receives the simulation so the caller can measure what it retains. */
export function runWorldDay(now: () => number, keep?: (sim: Simulation) => void): WorldDayResult {
  const t0 = now();
  const sim = new Simulation({ seed: 42, workstations: WORLD_DAY.workstations, infected: WORLD_DAY.infected, world: WORLD_DAY.world });
  sim.clock.advance(86_400_000);
  const ms = now() - t0;
  keep?.(sim);
  const w = sim.world!;
  return {
    ms,
    legit: w.ledger.legitSent,
    spam: w.ledger.spamAttempts,
    mailLogLines: sim.mailServer.log.length,
    fwLogBytes: (sim.machine('fw').fs.tryRead('/var/log/firewall.log') ?? '').length,
  };
}
