/**
 * An in-memory TCP-like socket pair. smtp-server drives it through the same
 * surface as a net.Socket (readyState, setTimeout, remoteAddress, 'close'),
 * so the real protocol engine runs unchanged in a browser tab.
 *
 * `stream` is the Node built-in under Node and readable-stream v4 in browser
 * builds (see site/node-shims); v4 is required because it auto-destroys.
 */
import { Duplex } from 'stream';
import type { VirtualTime } from '../core/virtual-wait.ts';

export type SocketEndpoint = { address: string; port: number };

export type TimerApi = {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

/** A bare pair (tests) has no clock: idle timers never fire unless the caller supplies timers. */
const inertTimers: TimerApi = {
  set: () => undefined,
  clear: () => {},
};

export type ReadyState = 'open' | 'readOnly' | 'writeOnly' | 'closed';

export class VirtualSocket extends Duplex {
  peer: VirtualSocket | undefined;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly remoteFamily = 'IPv4';
  bytesRead = 0;
  bytesWritten = 0;
  /** True once this side has called end(): it may still read what the peer sends. */
  private ended = false;
  /** True once the peer's end() reached us. */
  private peerEnded = false;
  private idleMs = 0;
  private idleHandle: unknown;
  private readonly timers: TimerApi;
  /** The simulation's time, for clients that wait on this socket (SmtpReader); absent on bare test pairs. */
  time?: VirtualTime;

  constructor(local: SocketEndpoint, remote: SocketEndpoint, timers: TimerApi = inertTimers, allowHalfOpen = false) {
    // Like net.Socket: unless half-open is asked for, the peer's FIN ends our side too.
    super({ allowHalfOpen });
    this.localAddress = local.address;
    this.localPort = local.port;
    this.remoteAddress = remote.address;
    this.remotePort = remote.port;
    this.timers = timers;
    this.once('finish', () => {
      this.ended = true;
    });
  }

  get readyState(): ReadyState {
    if (this.destroyed) return 'closed';
    if (this.ended && this.peerEnded) return 'closed';
    if (this.ended) return 'readOnly';
    if (this.peerEnded) return 'writeOnly';
    return 'open';
  }

  /** Node semantics: fire `cb` once after `ms` of inactivity in either direction; 0 disables. */
  setTimeout(ms: number, cb?: () => void): this {
    this.idleMs = ms;
    if (cb) {
      this.removeAllListeners('timeout');
      this.once('timeout', cb);
    }
    this.touch();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  /**
   * STARTTLS was answered 220: what follows on this connection is TLS. Inside
   * the simulation nothing changes (the session is only marked encrypted); a
   * transport that bridges a real socket hears `starttls` on the client end —
   * after every byte written before this call — and does the real handshake
   * there (cli/serve/bridge.ts).
   */
  startTls(): void {
    const peer = this.peer;
    queueMicrotask(() => {
      if (peer && !peer.destroyed) peer.emit('starttls');
    });
  }
  /**
   * Implicit TLS (a service with smtpd_tls_wrappermode, port 465): set on the client end by the
   * server before any byte; the server says nothing until the client's handshake.
   */
  tlsOnConnect = false;

  /** Server end: this connection is TLS from the first byte (the client end's `tlsOnConnect`). */
  requireTls(): void {
    if (this.peer) this.peer.tlsOnConnect = true;
  }

  /**
   * Client end: the TLS handshake is done — at once for a simulated client that speaks TLS
   * (swaks --tls-on-connect), after the real one for a real client (cli/serve/bridge.ts). The
   * server end hears `tls-handshake`; a client that sends plain bytes instead fails it (`not-tls`:
   * what a real handshake that read plain text reports).
   */
  tlsHandshake(outcome: 'done' | 'not-tls' = 'done'): void {
    const peer = this.peer;
    queueMicrotask(() => {
      if (peer && !peer.destroyed) peer.emit('tls-handshake', outcome);
    });
  }
  address(): { address: string; port: number; family: string } {
    return { address: this.localAddress, port: this.localPort, family: 'IPv4' };
  }

  override _read(): void {
    /* data is pushed by the peer's _write */
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, cb: (err?: Error | null) => void): void {
    const peer = this.peer;
    if (!peer || peer.destroyed) {
      cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      return;
    }
    const data = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.bytesWritten += data.length;
    this.touch();
    // Deliver asynchronously, in order, like a network would: the writer never
    // re-enters the reader's handlers from inside its own write() call.
    queueMicrotask(() => {
      if (peer.destroyed) return;
      peer.bytesRead += data.length;
      peer.touch();
      peer.push(data);
    });
    cb();
  }

  override _final(cb: (err?: Error | null) => void): void {
    const peer = this.peer;
    queueMicrotask(() => {
      if (peer && !peer.destroyed) {
        peer.peerEnded = true;
        peer.push(null);
        peer.closeIfDone();
      }
      this.closeIfDone();
    });
    cb();
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.clearIdle();
    const peer = this.peer;
    this.peer = undefined;
    if (peer && !peer.destroyed) {
      queueMicrotask(() => {
        if (!peer.destroyed) {
          peer.peerEnded = true;
          peer.push(null);
          peer.destroy();
        }
      });
    }
    cb(err);
  }

  private closeIfDone(): void {
    if (this.ended && this.peerEnded && !this.destroyed) this.destroy();
  }

  private touch(): void {
    this.clearIdle();
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleHandle = this.timers.set(() => {
        this.idleHandle = undefined;
        this.emit('timeout');
      }, this.idleMs);
    }
  }

  private clearIdle(): void {
    if (this.idleHandle !== undefined) {
      this.timers.clear(this.idleHandle);
      this.idleHandle = undefined;
    }
  }
}

/** A connected pair: what the client holds and what the listening service is handed. */
export function createSocketPair(
  client: SocketEndpoint,
  server: SocketEndpoint,
  timers: TimerApi = inertTimers,
  opts: { allowHalfOpen?: boolean; time?: VirtualTime } = {},
): { client: VirtualSocket; server: VirtualSocket } {
  const c = new VirtualSocket(client, server, timers, opts.allowHalfOpen ?? false);
  const s = new VirtualSocket(server, client, timers, opts.allowHalfOpen ?? false);
  c.time = s.time = opts.time;
  c.peer = s;
  s.peer = c;
  return { client: c, server: s };
}
