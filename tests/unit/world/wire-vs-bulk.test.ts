import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../../simulator/net/network.ts';
import { blockOutbound25, fwLines, worldSim } from './helpers.ts';

/** Counters of every rule and chain, as `iptables -L -v` would show them. */
function counters(sim: ReturnType<typeof worldSim>): unknown {
  return Object.entries(sim.firewall.state.chains).map(([name, c]) => [name, c.pkts, c.rules.map((r) => r.pkts)]);
}

describe('world: the bulk path and the wire path see the same firewall', () => {
  for (const blocked of [false, true]) {
    it(`a bot's SMTP connection to an Internet MX (${blocked ? 'outbound 25 blocked' : 'open firewall'})`, async () => {
      const wire = worldSim(5, {}, 5);
      const bulk = worldSim(5, {}, 5);
      if (blocked) [wire, bulk].forEach(blockOutbound25);
      const ws = wire.world!.bots[0]!.host;
      await wire.network.connect(ws.name, 'mx.example.net', 25).then(
        (s) => s.destroy(),
        (e: unknown) => expect(e).toBeInstanceOf(ConnectError),
      );
      const out = bulk.world!.ctx.connect(bulk.findHost(ws.name)!, 'mx.example.net', 25);
      expect(out.kind).toBe(blocked ? 'timeout' : 'accepted');
      expect(fwLines(bulk)).toEqual(fwLines(wire));
      expect(fwLines(bulk).length).toBe(1);
      expect(counters(bulk)).toEqual(counters(wire));
      expect(bulk.world!.metrics().totals.outbound25).toEqual({ [ws.short]: 1 });
    });
  }
});
