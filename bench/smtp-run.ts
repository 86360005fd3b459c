/**
 * SMTP through the in-page engine (issue 3's benchmarks), shared by the Node
 * and the Chromium bench: whole wire sessions per second (VirtualSocket →
 * wire proxy → smtp-server → SmtpdSession), the same dialogue through the
 * bulk path for comparison, and the 16-test relay battery (`relaytest`) with
 * its time to the greeting split out: smtp-server's fixed 100 ms early-talker
 * pause is skipped by mail/smtpd-wire.ts (Postfix's smtpd greets at once), so
 * the greeting should now cost a few ms, not 100.
 */
import { relayProbe } from '../simulator/mail/relay-probe.ts';
import { SmtpReader, replyText } from '../simulator/mail/smtp-reader.ts';
import type { VirtualSocket } from '../simulator/net/virtual-socket.ts';
import { Simulation } from '../simulator/simulation.ts';

/** The shared reply reader with a wait-for-reply send, as every scripted client speaks. */
class Client {
  private readonly reader: SmtpReader;

  constructor(socket: VirtualSocket) {
    this.reader = new SmtpReader(socket);
  }

  async reply(): Promise<string> {
    return replyText(await this.reader.next(10_000));
  }

  send(line: string): Promise<string> {
    this.reader.send(line);
    return this.reply();
  }
}

const BODY = 'From: <partner@example.net>\r\nTo: <alice@corp.example>\r\nSubject: bench\r\n\r\nHello.\r\n.';

async function wireSession(sim: Simulation, i: number): Promise<void> {
  const socket = await sim.network.connect('outside', 'mail.corp.example', 25, 'bench');
  const c = new Client(socket);
  await c.reply();
  await c.send('EHLO outside.example.org');
  await c.send('MAIL FROM:<partner@example.net>');
  await c.send(`RCPT TO:<${i % 2 ? 'alice' : 'bob'}@corp.example>`);
  await c.send('DATA');
  const end = await c.send(BODY);
  if (!end.startsWith('250')) throw new Error(`bench session: ${end}`);
  await c.send('QUIT');
  socket.destroy();
}

export type SmtpBenchResult = {
  /** Sessions completed per second with `concurrency` in flight. */
  wirePerSecond: number;
  concurrency: number;
  /** One session alone, start to QUIT (ms), median. */
  wireSingleMs: number;
  bulkPerSecond: number;
  batteryMs: number;
  batteryGreetingMs: number;
  batteryPassed: number;
  /** 15,001 pipelined commands written at once, until the last reply (ms). */
  pipelinedMs: number;
};

export async function runSmtpBench(now: () => number, o: { sessions?: number; concurrency?: number } = {}): Promise<SmtpBenchResult> {
  const sessions = o.sessions ?? 400;
  const concurrency = o.concurrency ?? 50;
  const sim = new Simulation({ seed: 1 });

  // Warm-up (JIT, engine code paths), then one session at a time.
  for (let i = 0; i < 5; i++) await wireSession(sim, i);
  const singles: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = now();
    await wireSession(sim, i);
    singles.push(now() - t);
  }
  singles.sort((a, b) => a - b);

  let next = 0;
  const t0 = now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < sessions) await wireSession(sim, next++);
  }));
  const wirePerSecond = sessions / ((now() - t0) / 1000);

  const bulk = new Simulation({ seed: 1 });
  const bulkN = 5_000;
  const client = { ip: '192.0.2.50' };
  const t1 = now();
  for (let i = 0; i < bulkN; i++) {
    bulk.mailServer.runSession({ client, service: 'smtp', helo: 'outside.example.org', mailFrom: 'partner@example.net', rcptTo: [`${i % 2 ? 'alice' : 'bob'}@corp.example`], message: { subject: 'bench', size: 120 } });
  }
  const bulkPerSecond = bulkN / ((now() - t1) / 1000);

  // The battery as `relaytest mail` runs it from outside; the greeting time is measured on a separate connection.
  await relayProbe(sim, 'outside', 'mail.corp.example');
  const t2 = now();
  const probe = await relayProbe(sim, 'outside', 'mail.corp.example');
  const batteryMs = now() - t2;
  const t3 = now();
  const socket = await sim.network.connect('outside', 'mail.corp.example', 25, 'bench');
  await new Client(socket).reply();
  const batteryGreetingMs = now() - t3;
  socket.destroy();

  // 5,000 pipelined MAIL/RCPT/RSET in one write (issue 10): the proxy answers them one reply at a time.
  const piped = await sim.network.connect('outside', 'mail.corp.example', 25, 'bench');
  const pc = new Client(piped);
  await pc.reply();
  const lines = ['EHLO outside.example.org'];
  for (let i = 0; i < 5000; i++) lines.push(`MAIL FROM:<p${i}@example.net>`, 'RCPT TO:<bob@corp.example>', 'RSET');
  const t4 = now();
  piped.write(lines.map((l) => l + '\r\n').join(''));
  for (let i = 0; i < lines.length; i++) await pc.reply();
  const pipelinedMs = now() - t4;
  piped.destroy();

  return {
    wirePerSecond, concurrency, wireSingleMs: singles[2]!, bulkPerSecond,
    batteryMs, batteryGreetingMs, batteryPassed: probe.state === 'open' ? probe.passed.length : -1, pipelinedMs,
  };
}
