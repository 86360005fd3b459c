/**
 * The nmap smtp-open-relay battery run over the real wire path: one
 * connection from `fromHost`, EHLO, then RSET / MAIL / RCPT per test (DATA is
 * never sent). Used by `relaytest`; the grader's relay-battery check runs the
 * same battery (postfix/battery.ts) through its own auditor's client.
 */
import { batteryPassed, relayBattery, serverNameFromGreeting, type BatteryTest } from '../postfix/index.ts';
import { ConnectError } from '../net/network.ts';
import type { VirtualSocket } from '../net/virtual-socket.ts';
import { SmtpReader, replyText } from './smtp-reader.ts';
import type { MailEnv } from './mail-env.ts';

export type ProbeResult =
  | { state: 'unresolved' }
  | { state: 'closed' | 'filtered' | 'unreachable'; ip: string }
  | { state: 'open'; ip: string; greeting?: string; passed: BatteryTest[]; authNeeded: boolean; transcript: string[] };

export async function relayProbe(sim: MailEnv, fromHost: string, target: string, port = 25, opts: { timeoutMs?: number } = {}): Promise<ProbeResult> {
  const ip = sim.network.policy.resolve(fromHost, target);
  if (!ip) return { state: 'unresolved' };
  let socket: VirtualSocket;
  try {
    socket = await sim.network.connect(fromHost, ip, port, 'nmap');
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    return { state: err.code === 'ECONNREFUSED' ? 'closed' : err.code === 'ETIMEDOUT' ? 'filtered' : 'unreachable', ip };
  }
  const timeout = opts.timeoutMs ?? 3000;
  const reader = new SmtpReader(socket);
  const transcript: string[] = [];
  const send = async (line: string) => {
    transcript.push(`C: ${line}`);
    reader.send(line);
    const r = replyText(await reader.next(timeout));
    transcript.push(`S: ${r}`);
    return r;
  };
  const greeting = replyText(await reader.next(timeout)) || undefined;
  const result = { state: 'open' as const, ip, greeting, passed: [] as BatteryTest[], authNeeded: false, transcript };
  if (!greeting?.startsWith('220')) {
    socket.destroy();
    return result;
  }
  const server = serverNameFromGreeting(greeting) ?? target;
  if (!(await send('EHLO nmap.scanme.org')).startsWith('250')) await send('HELO nmap.scanme.org');
  for (const t of relayBattery({ ip, server })) {
    await send('RSET');
    const mail = await send(`MAIL FROM:<${t.mailFrom}>`);
    const rcpt = mail.startsWith('250') ? await send(`RCPT TO:<${t.rcptTo}>`) : '';
    if (/^530[ -]/.test(mail) || /^530[ -]/.test(rcpt)) {
      result.authNeeded = true;
      break;
    }
    if (batteryPassed(mail, rcpt)) result.passed.push(t);
  }
  await send('QUIT');
  socket.destroy();
  return result;
}
