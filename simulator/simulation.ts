/**
 * The whole simulated company network for one learner: clock, randomness,
 * topology, firewall, DNS/DNSBL, hosts with their filesystems, and the
 * services listening on the wire network. Built from a seed; nothing in here
 * reads wall time or Math.random.
 */
import { VirtualClock } from './core/clock.ts';
import { EventStream } from './core/events.ts';
import { SeededRandom } from './core/rng.ts';
import { eventLoopTurn, type HostPort } from './core/host-port.ts';
import { Network } from './net/network.ts';
import { TopologyPolicy } from './net/topology-policy.ts';
import { buildDefaultTopology, hostByName, type Host, type Topology } from './net/topology.ts';
import { Firewall } from './net/firewall.ts';
import { createDnsbl, type DnsblState } from './net/dnsbl.ts';
import { HostFs } from './host/host-fs.ts';
import { installBaseFiles } from './host/base-files.ts';
import { ProcessTable } from './host/processes.ts';
import { MailServer } from './mail/mail-server.ts';
import type { HalfClosedLeak, MailScenario } from './mail/scenarios.ts';
import { World } from './world/world.ts';
import type { Machine, UnitControl } from './host/machine.ts';
import { CORP_DOMAIN, FW_HOST, MAIL_HOST } from './net/corp-hosts.ts';
import type { WorldOptions } from './world/world-options.ts';

export type SimulationOptions = {
  seed: number;
  startTime?: number;
  workstations?: number;
  infected?: readonly (string | number)[];
  /** Virtual ms a shell client waits for a dropped SYN (default 127 s, as Linux). */
  connectTimeoutMs?: number;
  /** The transport's event-loop turn (default: a zero-delay turn; see core/host-port.ts). */
  host?: HostPort;
  /** The living world (employees, bots, spammer, DNSBL, ISP). Off by default so tests keep a quiet network. */
  world?: boolean | WorldOptions;
  /** Starting main.cf of the mail server (default `open`, the source post's company). */
  mailScenario?: MailScenario;
  /** For `half-closed`: which senders it trusts from anywhere (default `company-domain`, the measured case). */
  halfClosedLeak?: HalfClosedLeak;
  /** Start with submission (587, STARTTLS + AUTH) enabled in master.cf. */
  submission?: boolean;
  /** Scenario set-up run once the network is built (e.g. a lab's seeded mail queue). Must be deterministic: replay rebuilds from it. */
  prepare?: (sim: Simulation) => void;
};

export type { Machine, UnitControl } from './host/machine.ts';
export { MAIL_HOST, FW_HOST } from './net/corp-hosts.ts';

export class Simulation {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly rng: SeededRandom;
  /** The transport's turn of the event loop (waits that let virtual time run, yields in long commands). */
  readonly host: HostPort;
  readonly topology: Topology;
  readonly firewall: Firewall;
  readonly dnsbl: DnsblState;
  readonly network: Network;
  readonly machines = new Map<string, Machine>();
  /** What happens on the network, as typed events (free while nobody subscribes). */
  readonly events = new EventStream();
  /** "host.fqdn:unit.service" → control hooks, for systemctl. */
  readonly unitControls = new Map<string, UnitControl>();
  /** The Postfix model on mail.corp.example (config, queue, mail.log, stats, runSession). */
  readonly mailServer: MailServer;
  readonly localDomains = [CORP_DOMAIN, MAIL_HOST, 'localhost'];
  /** Messages accepted so far (kept for older callers; prefer mailServer.stats.received). */
  get accepted(): { readonly length: number } {
    return { length: this.mailServer.stats.received };
  }
  /** Present when SimulationOptions.world is set. */
  world?: World;

  constructor(options: SimulationOptions) {
    this.seed = options.seed;
    this.clock = new VirtualClock(options.startTime);
    this.rng = new SeededRandom(options.seed);
    this.host = options.host ?? eventLoopTurn;
    this.topology = buildDefaultTopology({ seed: options.seed, workstations: options.workstations, infected: options.infected });
    this.firewall = new Firewall(undefined, { hostname: 'fw', bootedAt: this.clock.now() - 86_400_000 * 12 });
    this.dnsbl = createDnsbl(this.topology.dnsblZone);
    for (const host of this.topology.hosts) {
      const fs = new HostFs(() => this.clock.now());
      installBaseFiles(fs, host, this.topology);
      this.machines.set(host.name, { host, fs, procs: new ProcessTable(this.rng.int(300, 900)) });
    }
    const fwFs = this.machine(FW_HOST).fs;
    fwFs.write('/var/log/firewall.log', '');
    // LOG lines are formatted when firewall.log is read (same text; a bulk day writes ~60,000 of them).
    const policy = new TopologyPolicy(this.topology, this.firewall, this.clock, this.rng, (line) => fwFs.append('/var/log/firewall.log', line + '\n'), (render) => fwFs.appendDeferred('/var/log/firewall.log', () => render() + '\n'), this.events);
    this.network = new Network(policy, { clock: this.clock, host: this.host, connectTimeoutMs: options.connectTimeoutMs });

    this.mailServer = new MailServer(this, options.mailScenario ?? 'open', options.halfClosedLeak, options.submission);
    if (options.world) this.world = new World(this, options.world === true ? {} : options.world);
    options.prepare?.(this);
  }

  /** A host by any name the learner might type (short, full, alias). */
  findHost(name: string): Host | undefined {
    return hostByName(this.topology, name);
  }

  machine(name: string): Machine {
    const host = this.findHost(name);
    const m = host && this.machines.get(host.name);
    if (!m) throw new Error(`no such host: ${name}`);
    return m;
  }

  hostNames(): string[] {
    return this.topology.hosts.map((h) => h.name);
  }

  /** mbox text of a local user on the mail server ('' when empty). */
  mailbox(user: string): string {
    return this.machine(MAIL_HOST).fs.tryRead(`/var/mail/${user}`) ?? '';
  }

}
