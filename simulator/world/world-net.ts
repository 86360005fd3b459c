/**
 * Every TCP connection the world opens goes through the same connect oracle
 * as telnet (TopologyPolicy.outcome: DNS view, NAT, fw chains with counters and
 * LOG lines into fw's /var/log/firewall.log). Here we also count outbound
 * TCP/25 per source host from the oracle's result, for the metrics.
 */
import type { ConnectOutcome } from '../net/connect-outcome.ts';
import { TopologyPolicy } from '../net/topology-policy.ts';
import { hostByName, type Host } from '../net/topology.ts';
import type { WorldEnv } from './world-env.ts';
import type { Metrics } from './metrics.ts';

export type Connector = (from: Host, to: string, port: number) => ConnectOutcome;

/** Internet MXs (and the ISP's mail host) answer on 25 even when no wire service is registered. */
export function listensOn(sim: WorldEnv, hostName: string, port: number): boolean {
  if (sim.network.isListening(hostName, port)) return true;
  if (port !== 25) return false;
  const role = hostByName(sim.topology, hostName)?.role;
  return role === 'mx' || role === 'isp';
}

export function makeConnector(sim: WorldEnv, metrics: Metrics): Connector {
  const policy = sim.network.policy;
  if (!(policy instanceof TopologyPolicy)) throw new Error('world: the network policy must be the topology policy');
  const listening = (h: string, p: number) => listensOn(sim, h, p);
  return (from, to, port) => {
    const out = policy.outcome(from.name, to, port, listening);
    if (port === 25 && from.zone === 'corp' && out.route?.destination.zone === 'internet') {
      const passed = out.kind === 'accepted' || (out.kind === 'refused' && out.reason === 'no-listener');
      metrics.outbound(from.short, passed);
    }
    return out;
  };
}
