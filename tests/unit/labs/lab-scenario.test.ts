/** Scenario fields reach the Simulation and the shell: infected count, world, start host. */
import { describe, expect, it } from 'vitest';
import { LabSchema } from '../../../simulator/labs/schema.ts';
import { runAttempt, labSimulation } from '../../../simulator/labs/attempt.ts';
import { infectedHosts } from '../../../simulator/net/topology.ts';

const lab = (scenario: object, startHost = 'ops') =>
  LabSchema.parse({
    id: 'x-lab', title: 'X', audience: 'admin', minutes: 5, teaches: 't', scenario, startHost,
    steps: [{ id: 's', title: 'S', text: 's.mdx', checks: [{ kind: 'counter', counter: 'messages-accepted', min: 0 }], solution: ['true'] }],
    summary: { learned: ['x'] },
  });

describe('lab scenario wiring', () => {
  it('infected: N infects N workstations, chosen by the seed and stable for it', () => {
    const names = (seed: number) => infectedHosts(labSimulation(lab({ infected: 5 }), seed).topology).map((h) => h.short);
    expect(names(3)).toHaveLength(5);
    expect(names(3)).toEqual(names(3));
    expect(names(3)).not.toEqual(names(4));
    expect(infectedHosts(labSimulation(lab({ infected: ['ws02'] }), 3).topology).map((h) => h.short)).toEqual(['ws02']);
  });

  it('world: true starts the living world; default is a still network', () => {
    expect(labSimulation(lab({ world: true }), 1).world).toBeDefined();
    expect(labSimulation(lab({}), 1).world).toBeUndefined();
  });

  it('startHost: the shell opens there', async () => {
    const r = await runAttempt(lab({}, 'outside'), 1, ['hostname']);
    expect(r.transcript).toContain('you are on outside.example.org, a host on the Internet outside corp.example');
    const plain = r.transcript.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/root@outside:~# hostname\r?\noutside/);
  });
});
