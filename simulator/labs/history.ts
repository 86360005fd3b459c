/**
 * A lab's past: files placed on hosts, the `history` the world lived through
 * before the learner arrives (the early part counted, the last hours in full
 * detail: world/counted.ts), and the `incident` that starts during it — the
 * relay opened by a colleague's edit, or desks infected. Each choice the seed
 * makes is drawn from a stream of its own and computed by `incidentPlan`
 * without a simulation, so the answer key (`stepAnswer`) and the simulation
 * cannot disagree.
 */
import { SeededRandom } from '../core/rng.ts';
import { DEFAULT_EPOCH } from '../core/clock.ts';
import { editMainCf } from '../postfix/postconf.ts';
import { hostByName, type Host } from '../net/topology.ts';
import { MAIL_HOST } from '../net/corp-hosts.ts';
import type { Simulation } from '../simulation.ts';
import type { Lab } from './schema.ts';

const HOUR = 3_600_000;

export type IncidentPlan = { at: number; cause: 'relay' | 'bots'; desks: string[] };

/** When the history starts: the simulation's clock start (the default epoch; labs do not move it). */
export const historyStart = (): number => DEFAULT_EPOCH;
/** When the learner arrives. */
export const labStart = (lab: Lab): number => historyStart() + lab.scenario.historyHours * HOUR;

/** The seed's incident for this lab: cause, start time, infected desks (short names). */
export function incidentPlan(lab: Lab, seed: number): IncidentPlan | undefined {
  const inc = lab.scenario.incident;
  if (!inc) return undefined;
  const rng = new SeededRandom((seed ^ 0x1c1de47) >>> 0);
  const cause = inc.cause === 'seed' ? (rng.chance(0.5) ? 'relay' : 'bots') : inc.cause;
  const [lo, hi] = inc.afterHours;
  const at = historyStart() + rng.int(Math.min(lo, hi), Math.max(lo, hi)) * HOUR + rng.int(0, 59) * 60_000;
  const count = lab.scenario.workstations ?? 24;
  const names = Array.from({ length: count }, (_, i) => `ws${String(i + 1).padStart(2, '0')}`);
  const desks = cause === 'bots' ? rng.sample(names, Math.min(inc.desks, count)).sort() : [];
  return { at, cause, desks };
}

/** The relay incident: a colleague "temporarily" lets everyone relay while debugging, and reloads. */
function openRelay(sim: Simulation): void {
  const fs = sim.machine(MAIL_HOST).fs;
  const path = '/etc/postfix/main.cf';
  const text = fs.read(path);
  const nets = /^mynetworks\s*=\s*(.*)$/m.exec(text)?.[1] ?? '127.0.0.0/8 [::1]/128 10.0.0.0/24';
  fs.write(path, editMainCf(text, new Map([['mynetworks', `${nets} 0.0.0.0/0`]])));
  sim.mailServer.reload();
}

/** Place the lab's files, then live through its history (with the incident on the way). */
export function runHistory(sim: Simulation, lab: Lab, seed: number): void {
  for (const f of lab.scenario.files) {
    const m = sim.machine(f.host);
    const dir = f.path.slice(0, f.path.lastIndexOf('/')) || '/';
    if (!m.fs.exists(dir)) m.fs.mkdirp(dir);
    m.fs.write(f.path, f.content);
  }
  const hours = lab.scenario.historyHours;
  const world = sim.world;
  if (!hours || !world) return;
  const start = sim.clock.now();
  const plan = incidentPlan(lab, seed);
  if (plan) {
    sim.clock.at(plan.at, () => {
      let hosts: Host[];
      if (plan.cause === 'relay') {
        openRelay(sim);
        hosts = [hostByName(sim.topology, 'spammer')!];
      } else {
        hosts = plan.desks.map((d) => world.infect(d)?.host).filter((x): x is Host => !!x);
      }
      world.noteIncident({ at: plan.at, cause: plan.cause, hosts });
    });
  }
  world.countedUntil = start + (hours - Math.min(hours, lab.scenario.historyDetailHours ?? hours)) * HOUR;
  world.advance(Math.round(hours * HOUR));
}
