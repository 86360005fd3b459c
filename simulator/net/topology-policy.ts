/**
 * The NetworkPolicy of a simulation: the wire network asks the same
 * connect-outcome oracle as the bulk traffic model (names, NAT, firewall,
 * listeners), so a telnet session and a simulated bot can never disagree.
 */
import { SeededRandom } from '../core/rng.ts';
import type { EventStream } from '../core/events.ts';
import type { VirtualClock } from '../core/clock.ts';
import { connect, type ConnectOutcome } from './connect-outcome.ts';
import { resolveA } from './dns.ts';
import type { DeferredLog, Firewall } from './firewall.ts';
import type { DialVerdict, NetworkPolicy } from './network.ts';
import { hostByName, type Host, type Topology } from './topology.ts';

/** The oracle asks with a Host; callers answer by name. One adapter per caller's function (the world passes the same one 50k times a day). */
const adapters = new WeakMap<(host: string, port: number) => boolean, (host: Host, port: number) => boolean>();
function byHost(isListening: (host: string, port: number) => boolean): (host: Host, port: number) => boolean {
  let a = adapters.get(isListening);
  if (!a) adapters.set(isListening, (a = (h, p) => isListening(h.name, p)));
  return a;
}

export type ConnectHow = { via: 'wire' | 'bulk'; probe?: boolean; program?: string };
const BULK: ConnectHow = { via: 'bulk' };

export class TopologyPolicy implements NetworkPolicy {
  constructor(
    private readonly topology: Topology,
    private readonly firewall: Firewall,
    private readonly clock: VirtualClock,
    private readonly rng: SeededRandom,
    private readonly onFirewallLog: (line: string) => void,
    /** When given, LOG lines are handed over unformatted (see ConnectContext.onLogDeferred). */
    private readonly onFirewallLogDeferred?: DeferredLog,
    private readonly events?: EventStream,
  ) {}

  /** Probes draw packet ids and ports from their own stream: the seed's sequence is the learner's. */
  private readonly probeRng = new SeededRandom(0x70726f62);

  resolve(fromHost: string, name: string): string | undefined {
    const from = hostByName(this.topology, fromHost);
    return from ? resolveA(this.topology, name, from) : undefined;
  }

  /**
   * The full connect-outcome for a SYN from `fromHost`, with the simulation's
   * clock, randomness and firewall log: the one wiring shared by the wire path
   * (dial, below) and the bulk traffic model (simulator/world), so both count
   * and LOG identically.
   */
  outcome(fromHost: string, target: string, port: number, isListening: (host: string, port: number) => boolean, how: ConnectHow = BULK): ConnectOutcome {
    const out = connect(
      how.probe
        ? { topology: this.topology, firewall: this.firewall, listening: byHost(isListening), now: this.clock.now(), rng: this.probeRng, dry: true }
        : {
            topology: this.topology,
            firewall: this.firewall,
            listening: byHost(isListening),
            now: this.clock.now(),
            rng: this.rng,
            onLog: this.onFirewallLog,
            onLogDeferred: this.onFirewallLogDeferred,
          },
      { from: fromHost, to: target, port },
    );
    if (this.events?.active) {
      const e = out.stoppedBy;
      this.events.emit({
        type: 'connect', at: this.clock.now(), from: fromHost, target, port, verdict: out.kind, via: how.via, program: how.program, probe: !!how.probe,
        toHost: out.kind === 'accepted' ? out.server.name : out.route?.destination.name,
        sourceIp: out.kind === 'accepted' ? out.sourceIpSeen : undefined,
        rule: e && { chain: e.chain, num: e.num, target: e.target },
      });
    }
    return out;
  }

  dial(fromHost: string, target: string, port: number, isListening: (host: string, port: number) => boolean, opts: { probe?: boolean; program?: string } = {}): DialVerdict {
    const outcome = this.outcome(fromHost, target, port, isListening, { via: 'wire', probe: opts.probe, program: opts.program });
    switch (outcome.kind) {
      case 'accepted':
        return { ok: true, toHost: outcome.server.name, destIp: outcome.dialedIp, sourceIp: outcome.sourceIpSeen, sourcePort: outcome.sourcePort };
      case 'refused':
        return { ok: false, error: 'ECONNREFUSED' };
      case 'timeout':
        return { ok: false, error: 'ETIMEDOUT' };
      case 'unreachable':
        return { ok: false, error: 'EHOSTUNREACH' };
      case 'unknown-host':
        return { ok: false, error: 'ENOTFOUND' };
    }
  }
}
