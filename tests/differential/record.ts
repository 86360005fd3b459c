/**
 * Records what a real Postfix 3.7 answers to the differential cases (cases.ts) and writes
 * one JSON fixture per case under tests/fixtures/postfix/. Run as root on a machine with
 * Debian's postfix, nmap and swaks installed and Postfix otherwise unused:
 *
 *   npx tsx tests/differential/record.ts [case-id…]
 *
 * Safety: the server listens on 127.0.0.1 only (inet_interfaces), master.cf's smtp and
 * relay delivery services are replaced by discard(8) and qmgr defers them, so nothing is
 * ever delivered beyond this machine's local mailboxes; every client binds a 127.0.0.0/8
 * source address. The script checks these before each case and stops if one is untrue.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { ALIASES, SCENARIO_MAIN_CF, senderAccessText } from '../../simulator/mail/scenarios.ts';
import { CASES, type Case, type Source, type Step } from './cases.ts';
import { REAL, RECORDING_BLOCK, toReal } from './address-map.ts';
import type { StepResult } from './fixture.ts';

const MAIN_CF = '/etc/postfix/main.cf';
const MASTER_CF = '/etc/postfix/master.cf';
const LOG = '/var/log/postfix.log';
const OUT = new URL('../fixtures/postfix/', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sourceIp = (s: Source) => (s === 'lan' ? REAL.lanClient : REAL.outsideClient);

function sh(cmd: string): { stdout: string; stderr: string; status: number } {
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** The recording's own master.cf: Debian's, with delivery beyond this host disabled. */
function masterCf(): string {
  let text = readFileSync('/usr/share/postfix/master.cf.dist', 'utf8');
  text = text
    .replace(/^smtp(\s+)unix(.*)smtp$/m, 'smtp$1unix$2discard')
    .replace(/^relay(\s+)unix(.*)smtp$/m, 'relay$1unix$2discard')
    .replace(/^(qmgr\s+unix.*qmgr)$/m, '$1\n  -o defer_transports=smtp,relay');
  return text;
}

function assertSafe(): void {
  const iface = execFileSync('postconf', ['-h', 'inet_interfaces'], { encoding: 'utf8' }).trim();
  const relayhost = execFileSync('postconf', ['-h', 'relayhost'], { encoding: 'utf8' }).trim();
  const master = readFileSync(MASTER_CF, 'utf8');
  if (iface !== REAL.server) throw new Error(`unsafe: inet_interfaces = ${iface}`);
  if (relayhost !== '') throw new Error(`unsafe: relayhost = ${relayhost}`);
  if (!/^smtp\s+unix.*discard$/m.test(master) || !/^relay\s+unix.*discard$/m.test(master)) throw new Error('unsafe: master.cf delivers by smtp');
}

/** main.cf as the scenario ships it (addresses mapped) with the recording's block at the end. */
function writeScenario(name: keyof typeof SCENARIO_MAIN_CF): void {
  writeFileSync(MAIN_CF, toReal(SCENARIO_MAIN_CF[name]) + RECORDING_BLOCK);
  writeFileSync('/etc/postfix/sender_access', senderAccessText());
  execFileSync('postmap', ['/etc/postfix/sender_access']);
  assertSafe();
}

/** Editor-style append: before the recording block, so line numbers match the simulation's. */
function appendMainCf(text: string): void {
  const cf = readFileSync(MAIN_CF, 'utf8');
  const at = cf.indexOf(RECORDING_BLOCK);
  const real = toReal(text);
  writeFileSync(MAIN_CF, at < 0 ? cf + real : cf.slice(0, at) + real + cf.slice(at));
}

function removeMainCfLine(line: string): void {
  const real = toReal(line);
  writeFileSync(MAIN_CF, readFileSync(MAIN_CF, 'utf8').split('\n').filter((l) => l !== real).join('\n'));
}

let logOffset = 0;
/** New mail.log lines, after the log has been quiet for a moment (qmgr and local write late). */
async function newLogLines(minWait = 300): Promise<string[]> {
  let size = statSync(LOG).size;
  const start = Date.now();
  await sleep(minWait);
  while (Date.now() - start < 4000) {
    await sleep(200);
    const now = statSync(LOG).size;
    if (now === size) break;
    size = now;
  }
  const buf = readFileSync(LOG);
  const text = buf.subarray(logOffset).toString('utf8');
  logOffset = buf.length;
  return text.split('\n').filter((l) => l !== '');
}

class Conn {
  private buf = '';
  closed = false;
  private listeners: (() => void)[] = [];
  constructor(readonly socket: net.Socket) {
    socket.on('data', (d) => {
      this.buf += d.toString('utf8');
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }
  private wake(): void {
    for (const l of this.listeners.splice(0)) l();
  }
  /** Complete replies received so far (multi-line joined by \n), removed from the buffer. */
  private take(): string[] {
    const out: string[] = [];
    for (;;) {
      const m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\n/.exec(this.buf);
      if (!m) return out;
      this.buf = this.buf.slice(m[0].length);
      out.push(m[0].replace(/\r?\n$/, '').replace(/\r\n/g, '\n'));
    }
  }
  /** Replies until the server has been silent for `quiet` ms after the first one (or closed, or `limit` ms with none). */
  async replies(quiet: number, limit: number): Promise<string[]> {
    const out: string[] = [];
    const start = Date.now();
    let last = Date.now();
    for (;;) {
      const got = this.take();
      if (got.length) {
        out.push(...got);
        last = Date.now();
      }
      if (this.closed) return out;
      if (out.length && Date.now() - last >= quiet) return out;
      if (!out.length && Date.now() - start >= limit) return out;
      await Promise.race([new Promise<void>((r) => this.listeners.push(r)), sleep(25)]);
    }
  }
}

async function connect(from: Source): Promise<Conn> {
  const socket = net.connect({ host: REAL.server, port: 25, localAddress: sourceIp(from) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return new Conn(socket);
}

function mailbox(user: string): string {
  const p = `/var/mail/${user}`;
  return existsSync(p) ? readFileSync(p, 'utf8') : '';
}

function battery(from: Source) {
  const r = spawnSync('nmap', ['-vv', '-Pn', '-n', '-p25', '-e', 'lo', '-S', sourceIp(from), '--script', 'smtp-open-relay', REAL.server], { encoding: 'utf8' });
  const script = r.stdout.split('\n').filter((l) => l.startsWith('|'));
  const verdict = script.map((l) => l.replace(/^\|[_ ]\s*(smtp-open-relay: )?/, '').trim()).find((l) => /relay|connection|all tests failed/i.test(l)) ?? '';
  const passed = script.map((l) => /(MAIL FROM:.*-> RCPT TO:.*)$/.exec(l)?.[1]).filter((x): x is string => !!x);
  return { script, verdict, passed };
}

async function recordCase(c: Case): Promise<StepResult[]> {
  const conns = new Map<string, Conn>();
  const results: StepResult[] = [];
  for (const step of c.steps) {
    if (process.env.RECORD_DEBUG) process.stderr.write(`  ${JSON.stringify(step).slice(0, 120)}\n`);
    results.push(await run(step, conns));
  }
  for (const conn of conns.values()) conn.socket.destroy();
  return results;
}

async function run(step: Step, conns: Map<string, Conn>): Promise<StepResult> {
  switch (step.kind) {
    case 'scenario': {
      sh('postfix stop');
      writeFileSync(MASTER_CF, masterCf());
      writeScenario(step.name);
      sh('postsuper -d ALL; for u in bob alice admin root; do : > /var/mail/$u; chown $u /var/mail/$u 2>/dev/null; done');
      const start = sh('postfix start');
      if (start.status !== 0) throw new Error('postfix start: ' + start.stderr);
      await sleep(800);
      await newLogLines(100);
      return { kind: 'scenario' };
    }
    case 'shell': {
      const out = sh(toReal(step.cmd));
      if (/reload|start/.test(step.cmd)) await sleep(800);
      return { kind: 'shell', ...out, log: await newLogLines() };
    }
    case 'append-main-cf':
      appendMainCf(step.text);
      return { kind: 'append-main-cf' };
    case 'remove-main-cf-line':
      removeMainCfLine(step.line);
      return { kind: 'remove-main-cf-line' };
    case 'connect': {
      const conn = await connect(step.from);
      conns.set(step.conn, conn);
      const greeting = (await conn.replies(150, 3000))[0] ?? null;
      return { kind: 'connect', greeting };
    }
    case 'send': {
      const conn = conns.get(step.conn)!;
      if (!conn.closed) conn.socket.write(step.lines.map((l) => l.split('{IP}').join(REAL.server) + '\r\n').join(''));
      const replies = await conn.replies(step.lines.length > 50 ? 500 : 200, 3000);
      return { kind: 'send', replies, closed: conn.closed };
    }
    case 'close': {
      const conn = conns.get(step.conn)!;
      conn.socket.end();
      conn.socket.destroy();
      conns.delete(step.conn);
      return { kind: 'close', log: await newLogLines() };
    }
    case 'battery':
      return { kind: 'battery', ...battery(step.from), log: await newLogLines() };
    case 'mailbox':
      return { kind: 'mailbox', text: mailbox(step.user) };
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(LOG)) writeFileSync(LOG, '');
  // The simulation's mailboxes and aliases (local_recipient_maps = passwd + aliases).
  for (const u of ['bob', 'alice', 'admin']) sh(`id ${u} >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin ${u}`);
  writeFileSync('/etc/aliases', ALIASES);
  sh('newaliases');
  logOffset = statSync(LOG).size;
  const version = execFileSync('postconf', ['-h', 'mail_version'], { encoding: 'utf8' }).trim();
  const nmap = /Nmap version (\S+)/.exec(execFileSync('nmap', ['--version'], { encoding: 'utf8' }))?.[1];
  for (const c of CASES) {
    if (only.length && !only.includes(c.id)) continue;
    process.stderr.write(`recording ${c.id}…\n`);
    const results = await recordCase(c);
    const fixture = { case: c.id, about: c.about, recordedWith: `Postfix ${version} (Debian), nmap ${nmap}`, steps: c.steps, results };
    writeFileSync(`${OUT}${c.id}.json`, JSON.stringify(fixture, null, 1) + '\n');
  }
  sh('postfix stop');
}

await main();
