/**
 * Solution lines that name what the seed decides ({{infected.1}}, its user,
 * a stolen account): filled in per seed from the scenario, refused by the
 * validator when the name does not exist.
 */
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../../cli/lab-files.ts';
import { labSimulation } from '../../../simulator/labs/attempt.ts';
import { seedFacts, stepLines } from '../../../simulator/labs/scenario.ts';
import { checkSolutionCommands } from '../../../simulator/labs/solution-commands.ts';
import { labWorld } from '../../../simulator/labs/lab-world.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';

const drill = loadLab('incident-drill');

describe('seed placeholders in solutions', () => {
  it.each([1, 9, 42])('name the desks, users and stolen account the simulation of seed %i really has', (seed) => {
    const facts = seedFacts(drill, seed);
    const sim = labSimulation(drill, seed);
    const bots = sim.world!.bots.map((b) => b.host.short).sort();
    expect([facts['infected.1'], facts['infected.2']]).toEqual(bots);
    expect(facts['infected.1.user']).toBe(sim.findHost(facts['infected.1']!)!.user);
    expect(sim.world!.stolenAccounts.map((a) => a.user)).toEqual([facts['stolen.1.user']]);
    const zombies = stepLines(drill, drill.steps.find((s) => s.id === 'zombies')!, seed);
    expect(zombies).toEqual(bots.map((b) => `reimage ${b}`));
  });

  it('without a seed the lines are shown as written', () => {
    expect(stepLines(drill, drill.steps.find((s) => s.id === 'zombies')!)).toEqual(['reimage {{infected.1}}', 'reimage {{infected.2}}']);
  });

  it('the validator refuses a name the seed does not define', () => {
    const lab = { ...drill, steps: drill.steps.map((s, i) => (i === 2 ? { ...s, solution: ['reimage {{infected.3}}'] } : s)) } as Lab;
    const errors = checkSolutionCommands(lab, labWorld(lab));
    expect(errors).toEqual([{ field: 'steps[2].solution[0]', message: expect.stringMatching(/^\{\{infected\.3\}\} is not a name the seed decides \(known: infected\.1, infected\.1\.user, infected\.2, infected\.2\.user, stolen\.1\.user\)\.$/) }]);
  });
});
