/**
 * The simulation's event stream: typed facts about what happened on the
 * network, published where they happen, so the grader, the world's ledger and
 * the coming map, charts and class view read facts instead of parsing log text.
 *
 * It costs nothing when nobody listens: emitters test `events.active` before
 * building an event (the bulk day makes ~100,000 connections). Events caused by
 * the grader's probes carry `probe: true`; they never reach a learner's files.
 */

export type ConnectVerdict = 'accepted' | 'refused' | 'timeout' | 'unreachable' | 'unknown-host';

export type NetEvent =
  | {
      type: 'connect';
      at: number;
      /** Host name of the client machine. */
      from: string;
      /** What the client dialled (name or address) and the server it reached, when it did. */
      target: string;
      toHost?: string;
      port: number;
      verdict: ConnectVerdict;
      /** Source address the server saw (after NAT), when the connection got through. */
      sourceIp?: string;
      /** The fw rule that dropped or rejected the SYN (chain and 1-based number). */
      rule?: { chain: string; num: number; target: string };
      /** `wire`: a socket (telnet, swaks, probes); `bulk`: the world's traffic model. */
      via: 'wire' | 'bulk';
      /** The client program on the wire (telnet, nc, swaks, nmap for relaytest, probe). */
      program?: string;
      probe: boolean;
    }
  | {
      type: 'smtp';
      at: number;
      /** One number per smtpd session (wire or bulk), for grouping its steps. */
      session: number;
      service: string;
      clientIp: string;
      /** The client machine and program, when the session came over the wire. */
      fromHost?: string;
      program?: string;
      command: string;
      argument: string;
      reply: string;
      via: 'wire' | 'bulk';
      probe: boolean;
    }
  | { type: 'queue'; at: number; action: 'queued' | 'removed' | 'deleted'; qid: string; sender?: string; recipients?: string[] }
  | { type: 'delivery'; at: number; qid: string; recipient: string; status: 'sent' | 'deferred' | 'bounced' | 'expired'; relay: string; reply: string }
  | { type: 'dnsbl'; at: number; action: 'listed' | 'delisted'; ip: string; zone: string; code: string }
  | { type: 'bot'; at: number; action: 'started' | 'stopped'; host: string; pid?: number }
  | { type: 'host-change'; at: number; from: string; to: string }
  | { type: 'config'; at: number; action: 'reload' | 'start' | 'stop' | 'refused'; host: string }
  /**
   * The learner's shell showed them state on a host: its processes (ps), sockets (ss, netstat),
   * a crontab, systemd units, a file's content (cat, grep, less, tail…: the path), a mailbox
   * (`mail`), the traffic report (`mailstats`). Evidence that they looked; only shell commands emit it.
   */
  | { type: 'look'; at: number; host: string; what: LookKind; path?: string };

export type LookKind = 'processes' | 'sockets' | 'crontab' | 'units' | 'file' | 'mailbox' | 'stats';

export type NetEventType = NetEvent['type'];
export type EventOf<T extends NetEventType> = Extract<NetEvent, { type: T }>;
export type Listener = (e: NetEvent) => void;

export class EventStream {
  private listeners: Listener[] = [];

  /** True when someone listens: emitters build events only then. */
  get active(): boolean {
    return this.listeners.length > 0;
  }

  /** How many listeners there are (the lab's evidence recorder is one). */
  get size(): number {
    return this.listeners.length;
  }

  subscribe(fn: Listener): () => void {
    this.listeners = [...this.listeners, fn];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  emit(e: NetEvent): void {
    // A copy-on-write array: a listener that unsubscribes during delivery does not skip the next one.
    for (const l of this.listeners) l(e);
  }
}
