/**
 * An auditor's SMTP client over the simulated wire (sim.network.connect, so
 * NAT, firewall and listeners apply exactly as for the learner's telnet).
 * It waits for each complete reply before sending, as nmap and swaks do
 * (smtp-server drops early talkers), and never sends DATA unless asked: an
 * auditor proves acceptance at RCPT and leaves no mail behind.
 */
import type { GraderEnv } from './grader-env.ts';
import type { VirtualSocket } from '../net/virtual-socket.ts';
import { ConnectError } from '../net/network.ts';
import { SmtpReader, replyText } from '../mail/smtp-reader.ts';
import { t } from '../i18n/t.ts';

/** The auditor's side of one connection, over the shared reply reader. */
export class ProbeSession {
  private readonly reader: SmtpReader;
  private closed = false;

  constructor(private readonly socket: VirtualSocket, private readonly patienceMs: number) {
    this.reader = new SmtpReader(socket);
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  /** The next complete reply ('' if the server hung up or said nothing in time). */
  async reply(): Promise<string> {
    return replyText(await this.reader.next(this.patienceMs));
  }

  async send(line: string): Promise<string> {
    if (this.closed) return '';
    this.reader.send(line);
    return this.reply();
  }

  async quit(): Promise<void> {
    if (!this.closed) await this.send('QUIT');
    this.socket.destroy();
  }
}

export type Opened = { ok: true; session: ProbeSession; greeting: string } | { ok: false; why: string };

/** Words a learner understands for each connect() failure. */
export function connectFailure(code: string): string {
  switch (code) {
    case 'ECONNREFUSED': return t('grader.connect.refused');
    case 'ETIMEDOUT': return t('grader.connect.timed-out');
    case 'EHOSTUNREACH': return t('grader.connect.unreachable');
    case 'ENOTFOUND': return t('grader.connect.not-found');
    default: return code;
  }
}

/**
 * Connect as an auditor and read the greeting. The connection is a probe
 * (Network.connect's `probe`): judged by the same firewall, NAT and smtpd
 * decisions, recorded nowhere the learner can look, and drawing nothing from
 * the seed's sequences — so grading never shifts what the learner sees next.
 */
export async function openSmtp(sim: GraderEnv, from: string, target: string, port: number, patienceMs = 4000): Promise<Opened> {
  let socket: VirtualSocket;
  try {
    socket = await sim.network.connect(sim.machine(from).host.name, target, port, 'probe', { probe: true });
  } catch (err) {
    return { ok: false, why: connectFailure(err instanceof ConnectError ? err.code : String(err)) };
  }
  const session = new ProbeSession(socket, patienceMs);
  const greeting = await session.reply();
  if (!/^220[ -]/.test(greeting)) {
    socket.destroy();
    return { ok: false, why: greeting ? t('grader.connect.greeted', { line: greeting.split('\n')[0]! }) : t('grader.connect.no-greeting') };
  }
  return { ok: true, session, greeting };
}
