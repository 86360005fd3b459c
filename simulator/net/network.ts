/**
 * Stream connections between simulated hosts. Who listens where lives here;
 * names, routes, NAT and firewall verdicts come from a NetworkPolicy, so the
 * wire path (telnet, probes) and the bulk traffic model ask the same oracle.
 */
import { createSocketPair, type TimerApi, type VirtualSocket } from './virtual-socket.ts';
import type { VirtualClock } from '../core/clock.ts';
import type { HostPort } from '../core/host-port.ts';

export type ConnectErrorCode = 'ENOTFOUND' | 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH';

export class ConnectError extends Error {
  constructor(
    readonly code: ConnectErrorCode,
    readonly target: string,
    readonly port: number,
  ) {
    super(`${code} ${target}:${port}`);
  }
}

export type ConnectionInfo = {
  /** Host name of the connecting machine (for ss/netstat and logs). */
  fromHost: string;
  /** The address the server sees: after NAT for LAN clients reaching the Internet. */
  remoteAddress: string;
  remotePort: number;
  localAddress: string;
  localPort: number;
  /** The grader's auditor: the server answers as to anyone, but records it nowhere a learner can see. */
  probe?: boolean;
  /** The client program (for the event stream). */
  program?: string;
};

export interface Service {
  accept(socket: VirtualSocket, info: ConnectionInfo): void;
}

export type DialVerdict =
  | { ok: true; toHost: string; destIp: string; sourceIp: string; sourcePort?: number }
  | { ok: false; error: ConnectErrorCode };

export interface NetworkPolicy {
  /** Name (short or fully qualified) or dotted IP to an IPv4 address, as `fromHost` resolves it. */
  resolve(fromHost: string, name: string): string | undefined;
  /**
   * Decide what happens to a SYN from `fromHost` to target:port — names,
   * routes, NAT and firewall — given who is listening.
   */
  dial(fromHost: string, target: string, port: number, isListening: (host: string, port: number) => boolean, opts?: ConnectOptions & { program?: string }): DialVerdict;
}

export type NetworkOptions = {
  /** Simulated time: sockets' idle timers and connect timeouts run on it. */
  clock?: VirtualClock;
  /** The transport's event-loop turn, for waits that let the virtual clock run (see core/virtual-wait.ts). */
  host?: HostPort;
  /** Virtual ms a client waits for a dropped SYN (default: Linux's 127 s, tcp_syn_retries = 6). */
  connectTimeoutMs?: number;
};

/** Linux gives up on an unanswered SYN after 1+2+4+8+16+32+64 s (tcp_syn_retries = 6). */
export const LINUX_CONNECT_TIMEOUT_MS = 127_000;

export type ConnectOptions = {
  /** An auditor's connection: not in `ss`, no port drawn from the learner's sequence, no counters or logs anywhere. */
  probe?: boolean;
  /**
   * Wait out a dropped SYN on the virtual clock, as connect() would, before
   * failing with ETIMEDOUT (milliseconds; `true` for the kernel's default).
   * Without it the verdict is immediate: probes and grading must not move time.
   */
  waitForTimeout?: boolean | number;
};

export type LiveConnection = {
  id: number;
  fromHost: string;
  toHost: string;
  client: { address: string; port: number };
  server: { address: string; port: number };
  program: string;
};

export class Network {
  private listeners = new Map<string, { service: Service; program: string }>();
  private live = new Map<number, LiveConnection>();
  private nextPort = 49152;
  private nextId = 1;
  /** Every connection whose server end has not finished closing: its client socket, and the server's close. */
  private open = new Map<number, { client: VirtualSocket; closed: Promise<void> }>();
  /** Probes use ports of their own (above the learner's ephemeral range, never shown). */
  private nextProbePort = 61000;
  private readonly timers: TimerApi | undefined;

  constructor(
    readonly policy: NetworkPolicy,
    private readonly options: NetworkOptions = {},
  ) {
    const clock = options.clock;
    this.timers = clock && { set: (fn, ms) => clock.after(ms, fn), clear: (t) => clock.cancel(t as ReturnType<VirtualClock['after']>) };
  }

  listen(host: string, port: number, service: Service, program = 'server'): () => void {
    const key = `${host}:${port}`;
    this.listeners.set(key, { service, program });
    return () => {
      if (this.listeners.get(key)?.service === service) this.listeners.delete(key);
    };
  }

  isListening(host: string, port: number): boolean {
    return this.listeners.has(`${host}:${port}`);
  }

  listening(): Array<{ host: string; port: number; program: string }> {
    return [...this.listeners.entries()].map(([key, l]) => {
      const [host, port] = key.split(':');
      return { host: host!, port: Number(port), program: l.program };
    });
  }

  connections(): LiveConnection[] {
    return [...this.live.values()];
  }

  /** Open a stream from `fromHost` to target:port, failing the way a real connect() would. */
  async connect(fromHost: string, target: string, port: number, program = 'client', opts: ConnectOptions = {}): Promise<VirtualSocket> {
    const verdict = this.policy.dial(fromHost, target, port, (h, p) => this.isListening(h, p), { ...opts, program });
    if (!verdict.ok) {
      const err = new ConnectError(verdict.error, target, port);
      const clock = this.options.clock;
      if (verdict.error === 'ETIMEDOUT' && opts.waitForTimeout && clock) {
        // Nothing can answer a dropped SYN: the wait is the clock moving on, the world's events on the way included.
        const wait = typeof opts.waitForTimeout === 'number' ? opts.waitForTimeout : this.options.connectTimeoutMs ?? LINUX_CONNECT_TIMEOUT_MS;
        await this.options.host?.settle();
        clock.advance(wait);
      }
      throw err;
    }
    const listener = this.listeners.get(`${verdict.toHost}:${port}`);
    if (!listener) throw new ConnectError('ECONNREFUSED', target, port);
    const clientPort = opts.probe ? this.probePort() : verdict.sourcePort ?? this.allocatePort();
    const { client, server } = createSocketPair(
      { address: verdict.sourceIp, port: clientPort },
      { address: verdict.destIp, port },
      this.timers,
      { time: this.options.clock && this.options.host ? { clock: this.options.clock, host: this.options.host, frozen: opts.probe } : undefined },
    );
    const info: ConnectionInfo = { fromHost, remoteAddress: verdict.sourceIp, remotePort: clientPort, localAddress: verdict.destIp, localPort: port, program };
    if (opts.probe) {
      listener.service.accept(server, { ...info, probe: true });
      return client;
    }
    const id = this.nextId++;
    this.live.set(id, {
      id,
      fromHost,
      toHost: verdict.toHost,
      client: { address: verdict.sourceIp, port: clientPort },
      server: { address: verdict.destIp, port },
      program,
    });
    listener.service.accept(server, info);
    // Registered after the service's own handlers: when this runs, the server has logged its side of the close.
    const closed = new Promise<void>((resolve) => server.once('close', () => {
      this.open.delete(id);
      resolve();
    }));
    this.open.set(id, { client, closed });
    client.once('close', () => this.live.delete(id));
    return client;
  }

  /**
   * Resolves once every connection a client has closed is closed on the server
   * too (its disconnect logged). The shell waits for it before the clock moves
   * on, so a server's last log line carries the time the command ended — not a
   * time that depends on how busy the event loop was (grading, a slow tab).
   */
  async settled(): Promise<void> {
    for (;;) {
      const closing = [...this.open.values()].filter((c) => c.client.destroyed);
      if (!closing.length) return;
      await Promise.all(closing.map((c) => c.closed));
    }
  }

  private probePort(): number {
    const port = this.nextProbePort;
    this.nextProbePort = this.nextProbePort >= 65535 ? 61000 : this.nextProbePort + 1;
    return port;
  }

  private allocatePort(): number {
    const port = this.nextPort;
    this.nextPort = this.nextPort >= 60999 ? 49152 : this.nextPort + 1;
    return port;
  }
}
