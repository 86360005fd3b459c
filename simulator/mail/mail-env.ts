/**
 * What the mail server needs from the network it runs on — the Simulation
 * satisfies it, and so can a test double. Keeping it this small is what lets
 * mail/ stand without importing simulation.ts (which builds the mail server).
 */
import type { VirtualClock } from '../core/clock.ts';
import type { EventStream } from '../core/events.ts';
import type { SeededRandom } from '../core/rng.ts';
import type { Machine, UnitControl } from '../host/machine.ts';
import type { DnsblState } from '../net/dnsbl.ts';
import type { Firewall } from '../net/firewall.ts';
import type { Network } from '../net/network.ts';
import type { Host, Topology } from '../net/topology.ts';

export interface MailEnv {
  readonly seed: number;
  readonly clock: VirtualClock;
  /** The network's packet-level randomness (ports, IP ids) the mail server's own connections draw from. */
  readonly rng: SeededRandom;
  readonly events: EventStream;
  readonly network: Network;
  readonly topology: Topology;
  readonly firewall: Firewall;
  readonly dnsbl: DnsblState;
  readonly unitControls: Map<string, UnitControl>;
  machine(name: string): Machine;
  findHost(name: string): Host | undefined;
}
