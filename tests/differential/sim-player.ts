/**
 * Plays a differential case (cases.ts) against the simulation, producing results of
 * the same shape as the real recording. The fixture tells how many replies each write
 * got from the real server; the player waits for that many (or the connection closing,
 * or a short real-time grace when fewer come), so it never guesses at timing.
 */
import { Simulation } from '../../simulator/simulation.ts';
import { MAIN_CF } from '../../simulator/postfix/index.ts';
import { findCommand } from '../../simulator/shell/commands/registry.ts';
import type { VirtualSocket } from '../../simulator/net/virtual-socket.ts';
import type { Case, Source, Step } from './cases.ts';
import type { StepResult } from './fixture.ts';

export const SIM_HOSTS: Record<Source, { host: string; ip: string; serverIp: string }> = {
  outside: { host: 'outside.example.org', ip: '192.0.2.50', serverIp: '203.0.113.25' },
  lan: { host: 'ws01.corp.example', ip: '10.0.0.101', serverIp: '10.0.0.25' },
};

const realTick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Shell words with '…' and "…" quoting, as the recorded commands use them. */
export function words(cmd: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(cmd); m; m = re.exec(cmd)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

class SimConn {
  private buf = '';
  private replies: string[] = [];
  closed = false;
  private wake: (() => void) | undefined;
  constructor(readonly socket: VirtualSocket) {
    socket.on('data', (d: Buffer) => {
      this.buf += d.toString('utf8');
      for (;;) {
        const m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\n/.exec(this.buf);
        if (!m) break;
        this.buf = this.buf.slice(m[0].length);
        this.replies.push(m[0].replace(/\r?\n$/, '').replace(/\r\n/g, '\n'));
      }
      this.wake?.();
    });
    socket.once('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }
  /** Up to `n` replies: all of them as soon as they are there, else what came within the grace (only a differing dialogue waits it out). */
  async take(n: number, graceMs = 1000, closes = false): Promise<string[]> {
    const deadline = Date.now() + graceMs;
    while ((this.replies.length < n || (closes && !this.closed)) && !this.closed && Date.now() < deadline) {
      await Promise.race([new Promise<void>((r) => (this.wake = r)), realTick(10)]);
    }
    // A little longer when the real one said nothing: the simulation must stay silent too.
    if (n === 0) await realTick(20);
    return this.replies.splice(0, Math.max(n, this.replies.length));
  }
}

export class SimPlayer {
  sim!: Simulation;
  private logFrom = 0;
  private readonly conns = new Map<string, SimConn>();

  constructor(private readonly seed = 7) {}

  private mailFs() {
    return this.sim.machine('mail.corp.example').fs;
  }

  private newLog(): string[] {
    // Let queued work on the virtual clock (qmgr, local delivery) happen, as the recorder waited for it.
    this.sim.clock.advance(2000);
    const lines = this.sim.mailServer.log.slice(this.logFrom);
    this.logFrom += lines.length;
    return lines;
  }

  async play(c: Case, expected: StepResult[]): Promise<StepResult[]> {
    const out: StepResult[] = [];
    for (let i = 0; i < c.steps.length; i++) out.push(await this.step(c.steps[i]!, expected[i]));
    for (const conn of this.conns.values()) conn.socket.destroy();
    return out;
  }

  private async step(step: Step, expected: StepResult | undefined): Promise<StepResult> {
    switch (step.kind) {
      case 'scenario':
        this.sim = new Simulation({ seed: this.seed, mailScenario: step.name });
        this.logFrom = this.sim.mailServer.log.length;
        return { kind: 'scenario' };
      case 'shell': {
        const [name, ...args] = words(step.cmd);
        const machine = this.sim.machine('mail.corp.example');
        const spec = findCommand(name!, machine.host);
        let stdout = '';
        let stderr = '';
        const status = spec
          ? await spec.run({
              sim: this.sim, args, machine, user: 'root', cwd: '/root', home: '/root', stdin: '',
              out: (t) => (stdout += t), err: (t) => (stderr += t), signal: new AbortController().signal,
            })
          : ((stderr = `-bash: ${name}: command not found\n`), 127);
        return { kind: 'shell', stdout, stderr, status: typeof status === 'number' ? status : 0, log: this.newLog() };
      }
      case 'append-main-cf':
        this.mailFs().write(MAIN_CF, (this.mailFs().tryRead(MAIN_CF) ?? '') + step.text);
        return { kind: 'append-main-cf' };
      case 'remove-main-cf-line': {
        const text = (this.mailFs().tryRead(MAIN_CF) ?? '').split('\n').filter((l) => l !== step.line).join('\n');
        this.mailFs().write(MAIN_CF, text);
        return { kind: 'remove-main-cf-line' };
      }
      case 'connect': {
        const socket = await this.sim.network.connect(SIM_HOSTS[step.from].host, 'mail.corp.example', 25);
        const conn = new SimConn(socket);
        this.conns.set(step.conn, conn);
        const want = expected?.kind === 'connect' && expected.greeting === null ? 0 : 1;
        const [greeting] = await conn.take(want);
        return { kind: 'connect', greeting: greeting ?? null };
      }
      case 'send': {
        const conn = this.conns.get(step.conn)!;
        const from = step.conn.endsWith('@lan') ? 'lan' : 'outside';
        const ip = SIM_HOSTS[from].serverIp;
        if (!conn.closed) conn.socket.write(step.lines.map((l) => l.split('{IP}').join(ip) + '\r\n').join(''));
        const want = expected?.kind === 'send' ? expected.replies.length : 1;
        const replies = await conn.take(want, want > 50 ? 3000 : 1000, expected?.kind === 'send' && expected.closed);
        return { kind: 'send', replies, closed: conn.closed };
      }
      case 'close': {
        const conn = this.conns.get(step.conn)!;
        conn.socket.end();
        await realTick(5);
        conn.socket.destroy();
        await realTick(5);
        this.conns.delete(step.conn);
        return { kind: 'close', log: this.newLog() };
      }
      case 'battery': {
        const { host, serverIp } = SIM_HOSTS[step.from];
        const machine = this.sim.machine(host);
        const spec = findCommand('relaytest', machine.host)!;
        let stdout = '';
        await spec.run({
          sim: this.sim, args: ['-v', serverIp], machine, user: 'root', cwd: '/root', home: '/root', stdin: '',
          out: (t) => (stdout += t), err: (t) => (stdout += t), signal: new AbortController().signal,
        });
        const script = stdout.split('\n').filter((l) => l.startsWith('|'));
        const verdict = script.map((l) => l.replace(/^\|[_ ]\s*(smtp-open-relay: )?/, '').trim()).find((l) => /relay|connection|all tests failed/i.test(l))
          ?? stdout.trim().split('\n').pop() ?? '';
        const passed = script.map((l) => /(MAIL FROM:.*-> RCPT TO:.*)$/.exec(l)?.[1]).filter((x): x is string => !!x);
        return { kind: 'battery', script, verdict, passed, log: this.newLog() };
      }
      case 'mailbox':
        this.sim.clock.advance(5000);
        return { kind: 'mailbox', text: this.mailFs().tryRead(`/var/mail/${step.user}`) ?? '' };
    }
  }
}
