/**
 * The real listening sockets of `relaylab serve`, one per simulated smtpd
 * port. A real port accepts connections only while the simulated master
 * listens on its port: `postfix stop`, or submission still commented out in
 * master.cf, and a real client's connect() is refused by this machine's
 * kernel (swaks exit 2), as it would be by the real server; `postfix
 * reload` with submission enabled, and the real port opens. Each port number
 * is fixed when serve starts (bound once to claim it).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { MAIL_HOST } from '../../simulator/net/corp-hosts.ts';
import type { Simulation } from '../../simulator/simulation.ts';
import { t } from '../../simulator/i18n/t.ts';

export type PortState = { simPort: number; port: number; listening: boolean };

export class RealListeners {
  private readonly servers = new Map<number, { server: Server; port: number; listening: boolean }>();
  readonly sockets = new Set<Socket>();
  private closed = false;

  constructor(
    private readonly sim: Simulation,
    private readonly address: string,
    private readonly onConnection: (real: Socket, simPort: number) => void,
    private readonly onError: (message: string) => void,
  ) {}

  /** Bind every port once (a requested 0 becomes the port the kernel chose), then follow the simulation. */
  async start(ports: ReadonlyMap<number, number>): Promise<void> {
    for (const [simPort, requested] of ports) {
      const server = this.makeServer(simPort);
      this.servers.set(simPort, { server, port: requested, listening: false });
      await this.listen(simPort);
    }
    this.sync();
  }

  private makeServer(simPort: number): Server {
    // noDelay: SMTP is one small write per reply; Nagle would hold a reply back for the client's delayed ACK.
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true }, (real) => {
      this.sockets.add(real);
      real.on('close', () => this.sockets.delete(real));
      this.onConnection(real, simPort);
    });
    server.on('error', (err) => this.onError(err.message));
    return server;
  }

  private listen(simPort: number): Promise<void> {
    const entry = this.servers.get(simPort)!;
    return new Promise((resolve, reject) => {
      entry.server.once('error', reject);
      entry.server.listen({ port: entry.port, host: this.address, exclusive: true }, () => {
        entry.server.removeListener('error', reject);
        entry.port = (entry.server.address() as { port: number }).port;
        entry.listening = true;
        resolve();
      });
    });
  }

  /** Open or close real ports to match what the simulated master listens on now (called from the clock's tick). */
  sync(): void {
    if (this.closed) return;
    for (const [simPort, entry] of this.servers) {
      const wanted = this.sim.network.isListening(MAIL_HOST, simPort);
      if (wanted && !entry.listening) {
        entry.listening = true;
        this.listen(simPort).catch((err: NodeJS.ErrnoException) => {
          entry.listening = false;
          this.onError(t('cli.serve.cannot-listen-again', { address: this.address, port: entry.port, error: err.code ?? err.message }));
        });
      } else if (!wanted && entry.listening) {
        entry.listening = false;
        // Connections already accepted go on, as an smtpd keeps its client after master stops listening.
        entry.server.close();
        // A fresh server for the next listen (a closed net.Server can listen again, but its 'close' listeners pile up).
        entry.server = this.makeServer(simPort);
      }
    }
  }

  states(): PortState[] {
    return [...this.servers].map(([simPort, e]) => ({ simPort, port: e.port, listening: e.listening }));
  }

  close(): void {
    this.closed = true;
    for (const e of this.servers.values()) if (e.listening) e.server.close();
    for (const s of this.sockets) s.destroy();
  }
}
