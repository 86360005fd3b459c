/**
 * Probe: can these hosts open TCP/25 to the Internet? Asked of the same
 * connect oracle the wire path and the bulk model use, so it judges the rules'
 * effect, never their text. Its packets are dry (ConnectContext.dry: counted
 * and LOGged nowhere, as every grader probe's) and draw from their own
 * randomness: counters, firewall.log and the seed's sequence stay exactly as
 * the learner left them.
 */
import { z } from 'zod';
import { connect } from '../../net/connect-outcome.ts';
import { SeededRandom } from '../../core/rng.ts';
import { hostByName } from '../../net/topology.ts';
import { expandHosts, listShort, shortName } from '../hosts.ts';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';

const params = z
  .object({
    from: z.array(z.string()).min(1).describe('Source hosts; `workstations` means every workstation'),
    to: z.string().default('mx.example.net').describe('An Internet mail server (assumed listening, as real MXs are)'),
    port: z.number().int().default(25).describe('Destination TCP port'),
    expect: z.enum(['blocked', 'open']).describe('`blocked`: no source gets through; `open`: every source gets through'),
  })
  .strict();

export const firewallEffectCheck: CheckKind<z.infer<typeof params>> = {
  kind: 'firewall-effect',
  summary: 'whether hosts can open a TCP port on the Internet (outbound :25), judged by the firewall\'s effect',
  probe: true,
  params,
  refs: (p) => ({ hosts: [...p.from, p.to] }),
  async run({ sim }, p) {
    const sources = expandHosts(sim, p.from);
    const target = hostByName(sim.topology, p.to);
    const ctx = {
      topology: sim.topology,
      firewall: sim.firewall,
      dry: true,
      listening: (h: { name: string }, port: number) => h.name === target?.name && port === p.port,
      now: sim.clock.now(),
      rng: new SeededRandom(sim.seed ^ 0x0a0d17),
    };
    const through = sources.filter((from) => connect(ctx, { from, to: p.to, port: p.port }).kind === 'accepted');
    const names = through.map(shortName);
    const blocked = sources.filter((s) => !through.includes(s)).map(shortName);
    const total = sources.length;
    if (p.expect === 'blocked') {
      if (through.length === 0) return pass(t('grader.firewall-effect.blocked', { port: p.port, to: p.to, total }));
      return fail(t('grader.firewall-effect.still-open', { hosts: listShort(names), port: p.port, to: p.to, through: through.length, total }));
    }
    if (blocked.length === 0) return pass(t('grader.firewall-effect.reachable', { hosts: listShort(sources.map(shortName)), to: p.to, port: p.port }));
    return fail(t('grader.firewall-effect.cut-off', { hosts: listShort(blocked), to: p.to, port: p.port }));
  },
};
