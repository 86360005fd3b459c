/**
 * One real TCP client inside the simulation: its socket is joined to a
 * VirtualSocket that the simulated network opened from the `--as` host to the
 * mail server, so connect() asks the same oracle (DNS view, NAT, firewall,
 * listeners) as `telnet` typed in the lab, and smtpd sees that host's address.
 * Bytes go both ways unchanged; FIN is passed on as FIN (half-close).
 *
 * STARTTLS: when the simulated smtpd answers 220 to it, the client end of the
 * virtual socket hears `starttls` (VirtualSocket.startTls) after the 220 itself;
 * the real socket is then wrapped in a server-side TLSSocket and from there on
 * the simulation gets the decrypted bytes. A failed handshake (a client that
 * rejects the self-signed certificate) closes the connection; every error on
 * the real side is handled here, so none reaches smtp-server or the process.
 *
 * Implicit TLS (submissions, port 465: the service has smtpd_tls_wrappermode):
 * the simulated smtpd marks the connection TLS from the first byte
 * (VirtualSocket.requireTls) and waits; the real socket is wrapped at once,
 * and when its handshake is done the simulation hears it (tlsHandshake) and
 * greets. A client that fails the handshake never reaches the greeting.
 */
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { ConnectError } from '../../simulator/net/network.ts';
import type { VirtualSocket } from '../../simulator/net/virtual-socket.ts';
import type { Simulation } from '../../simulator/simulation.ts';
import { REAL_CLIENT_PROGRAM } from '../../simulator/grader/evidence.ts';

/** The program name real clients have inside the simulation (`ss -tnp` on the --as host; the grader's evidence counts it as the learner's). */
export { REAL_CLIENT_PROGRAM };

export type BridgeTarget = { sim: Simulation; asHost: string; targetIp: string; port: number; tls: () => SecureContext | undefined };

export type BridgeOutcome = 'connected' | 'refused' | 'dropped';

/** Join `real` to a new simulated connection; resolves once the simulated connect() has decided. */
export async function bridge(real: Socket, t: BridgeTarget): Promise<BridgeOutcome> {
  real.pause();
  real.on('error', () => real.destroy());
  let vs: VirtualSocket;
  try {
    vs = await t.sim.network.connect(t.asHost, t.targetIp, t.port, REAL_CLIENT_PROGRAM);
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    // ECONNREFUSED (nothing listens, iptables REJECT): a reset, as the kernel answers a refused SYN.
    if (err.code === 'ECONNREFUSED') {
      real.resetAndDestroy();
      return 'refused';
    }
    // A dropped SYN or no route: the real handshake already happened, so the nearest is silence until the client gives up.
    real.on('data', () => undefined);
    real.on('end', () => real.destroy());
    real.resume();
    return 'dropped';
  }

  let out: Socket = real;
  let upgrading = false;
  const toReal = (chunk: Buffer) => {
    if (out.destroyed || !out.writable) return;
    if (!out.write(chunk)) {
      vs.pause();
      out.once('drain', () => vs.resume());
    }
  };
  const toSim = (chunk: Buffer) => {
    if (!vs.destroyed && vs.writable) vs.write(chunk);
  };
  vs.on('data', toReal);
  vs.on('end', () => out.end());
  vs.on('close', () => {
    // What smtpd wrote last (the 221 to a pipelined QUIT) may still be in TLS's buffer: let it out first.
    if (out.destroyed || !out.writableEnded || out.writableLength === 0) return out.destroy();
    const sock = out;
    const giveUp = setTimeout(() => sock.destroy(), 2000);
    sock.once('finish', () => {
      clearTimeout(giveUp);
      sock.destroy();
    });
  });
  vs.on('error', () => out.destroy());
  real.on('data', toSim);
  real.on('end', () => {
    if (!upgrading) vs.end();
  });
  real.on('close', () => vs.destroy());

  /** From here on the real socket speaks TLS: wrap it; undefined when there is no certificate. */
  const upgrade = (): TLSSocket | undefined => {
    const context = t.tls();
    if (!context) {
      // No certificate (it failed to load): Postfix would not offer TLS; the session cannot go on in plain text.
      real.destroy();
      return undefined;
    }
    upgrading = true;
    real.removeListener('data', toSim);
    const secure = new TLSSocket(real, { isServer: true, secureContext: context });
    out = secure;
    secure.on('data', toSim);
    secure.on('end', () => vs.end());
    secure.on('close', () => vs.destroy());
    // A client that refuses the certificate aborts the handshake: the session ends as a lost connection.
    secure.on('error', () => {
      secure.destroy();
      real.destroy();
    });
    return secure;
  };

  vs.on('starttls', () => {
    // Whatever the server wrote before the switch goes out in plain text first.
    for (let chunk: Buffer | null; (chunk = vs.read() as Buffer | null) !== null; ) toReal(chunk);
    upgrade();
  });
  if (vs.tlsOnConnect) {
    // Port 465 (smtpd_tls_wrappermode): the handshake comes first; smtpd greets once it is done.
    const secure = upgrade();
    secure?.once('secure', () => vs.tlsHandshake());
    // Plain text where the ClientHello belongs (telnet): smtpd logs what OpenSSL said, as Postfix does.
    secure?.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ERR_SSL_WRONG_VERSION_NUMBER') vs.tlsHandshake('not-tls');
    });
  }
  real.resume();
  return 'connected';
}
