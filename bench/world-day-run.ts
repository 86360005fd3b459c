/**
 * One simulated day of a 200-employee company, shared by the Node and the
 * Chromium bench: 200 desks (10.0.0.101..254, then 10.0.1.x on the /23 LAN),
 * each user sending 12 and receiving 13 messages a weekday (~5,000 legitimate
 * messages); 5 bots and the outside spammer make ~50,000 spam attempts.
 */
import { Simulation } from '../simulator/simulation.ts';

export const WORLD_DAY = {
  workstations: 200,
  infected: [3, 41, 97, 158, 187],
  world: { sendsPerEmployee: 12, receivesPerEmployee: 13, spamPerBot: 9_000, spammerSessions: 1_000, spammerRcpts: 5 },
};

export type WorldDayResult = { ms: number; legit: number; spam: number; mailLogLines: number; fwLogBytes: number };

/** Runs the day; `keep` receives the simulation so the caller can measure what it retains. */
export function runWorldDay(now: () => number, keep?: (sim: Simulation) => void, opts: { subscribe?: boolean } = {}): WorldDayResult & { events: number } {
  const t0 = now();
  const sim = new Simulation({ seed: 42, workstations: WORLD_DAY.workstations, infected: WORLD_DAY.infected, world: WORLD_DAY.world });
  let events = 0;
  // A listener as the map or the class view would be: it sees every event and keeps a count.
  if (opts.subscribe) sim.events.subscribe(() => void events++);
  sim.clock.advance(86_400_000);
  const ms = now() - t0;
  keep?.(sim);
  const w = sim.world!;
  return {
    ms,
    legit: w.ledger.legitSent,
    spam: w.ledger.spamAttempts,
    events,
    mailLogLines: sim.mailServer.log.length,
    fwLogBytes: (sim.machine('fw').fs.tryRead('/var/log/firewall.log') ?? '').length,
  };
}
