/** One simulated machine as the parts that act on it see it, and the controls a service registers for systemctl. */
import type { Host } from '../net/topology.ts';
import type { HostFs } from './host-fs.ts';
import type { ProcessTable } from './processes.ts';

export type Machine = { host: Host; fs: HostFs; procs: ProcessTable };

/** What systemctl can do to a unit; the owner of the service registers it. */
export type UnitControl = { start(): void; stop(): void; reload(): void; restart(): void };
