/**
 * Bench (issue 13): `relaylab serve` on loopback — transactions per second
 * and p99 latency with 1, 50 and 200 concurrent clients (bench/smtp-load-client.ts,
 * whole transactions to a local mailbox) — and, when Debian's postfix and
 * smtp-source are installed and we are root, the same figures for Postfix's
 * own smtpd on the same machine, plus smtp-source (Postfix's load client)
 * against both, printed as ratios. Targets: at least Postfix's throughput,
 * p99 under 100 ms at 200 clients.
 *
 * Postfix runs from a copy of /etc/postfix in a temporary directory (the
 * system's files are not touched), started and stopped here: it listens on
 * 127.0.0.1 only, on one free port, and every transport (local, smtp, relay,
 * default) is discard(8), so nothing is delivered anywhere, not even to a
 * mailbox; the bench checks this before starting it and skips Postfix if
 * it is already running or anything is not as it should be.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, percentile, type LoadResult } from './smtp-load-client.ts';

const BIN = fileURLToPath(new URL('../bin/relaylab.mjs', import.meta.url));
const LEVELS: Array<[clients: number, total: number]> = [[1, 200], [50, 500], [200, 1000]];

/** A free loopback port in 2500–2799 (the bench's range), asked of the kernel one by one. */
async function freePort(from = 2700, to = 2799): Promise<number> {
  for (let p = from; p <= to; p++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen({ port: p, host: '127.0.0.1', exclusive: true }, () => s.close(() => resolve(true)));
    });
    if (ok) return p;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

type Figures = { tps: number; p99: number; errors: number };
const figures = (r: LoadResult): Figures => ({ tps: (r.done / r.wallMs) * 1000, p99: percentile(r.latenciesMs, 99), errors: r.errors.length });

function line(name: string, f: Figures, targets: { tps?: number; p99?: number } = {}): void {
  const tps = targets.tps ? `  ${(f.tps / targets.tps).toFixed(2)}× Postfix` : '';
  const p99 = targets.p99 ? ` (target < ${targets.p99} ms${f.p99 < targets.p99 ? ', met' : ', MISSED'})` : '';
  const errors = f.errors ? `  ${f.errors} ERRORS` : '';
  console.log(`${name.padEnd(48)} ${f.tps.toFixed(0).padStart(6)} tx/s  p99 ${f.p99.toFixed(1).padStart(7)} ms${p99}${tps}${errors}`);
}

async function startServeProcess(): Promise<{ port: number; stop: () => Promise<void> }> {
  const base = (await freePort(2600, 2699)) - 25;
  const root = mkdtempSync(join(tmpdir(), 'relaylab-bench-serve-'));
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--scenario', 'closed', '--seed', '1', '--port-base', String(base)], {
    env: { ...process.env, XDG_RUNTIME_DIR: root, XDG_CACHE_HOME: join(tmpdir(), 'relaylab-test-cert-cache-xdg') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`relaylab serve exited (${code}): ${out}`)));
  });
  const port = Number(/127\.0\.0\.1:(\d+) +→ mail\.corp\.example:25 /.exec(out)![1]);
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
        rmSync(root, { recursive: true, force: true });
      }),
  };
}

/** smtp-source (Postfix's own load client): `messages` whole transactions over `sessions` parallel sessions. */
function smtpSource(port: number, sessions: number, messages: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('smtp-source', ['-l', '200', '-m', String(messages), '-s', String(sessions), '-f', 'load@example.org', '-t', 'bob@corp.example', `127.0.0.1:${port}`], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve((messages / (performance.now() - t0)) * 1000) : reject(new Error(`smtp-source exit ${code}`))));
  });
}

const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

/** Postfix from a temporary copy of /etc/postfix, loopback only, every transport discard. undefined when it cannot be run safely here. */
async function startPostfix(): Promise<{ port: number; stop: () => void } | { skipped: string }> {
  if (!existsSync('/usr/sbin/postfix') || !existsSync('/usr/sbin/smtp-source')) return { skipped: "Debian's postfix is not installed" };
  if (process.getuid?.() !== 0) return { skipped: 'not root (postfix start needs it)' };
  if (sh('postfix', ['status']).status === 0) return { skipped: 'the system Postfix is running; left alone' };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'relaylab-bench-postfix-'));
  cpSync('/etc/postfix', dir, { recursive: true });
  const set = ['inet_interfaces = 127.0.0.1', 'relayhost =', 'default_transport = discard', 'relay_transport = discard', 'local_transport = discard', 'mydestination = corp.example, localhost', 'mynetworks = 127.0.0.0/8', 'maillog_file = /var/log/postfix-relaylab-bench.log', 'smtpd_error_sleep_time = 0'];
  sh('postconf', ['-c', dir, '-e', ...set]);
  // master.cf: the smtp listener moves to 127.0.0.1:PORT (no other inet service), smtp/relay clients become discard.
  const master = readFileSync(join(dir, 'master.cf'), 'utf8')
    .split('\n')
    .filter((l) => !/^\S+\s+inet\s/.test(l))
    .map((l) => l.replace(/^(smtp|relay)(\s+unix\s.*\s)smtp$/, '$1$2discard'))
    .join('\n');
  writeFileSync(join(dir, 'master.cf'), `${master}\n127.0.0.1:${port} inet n - n - - smtpd\n`);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const get = (p: string) => sh('postconf', ['-c', dir, '-h', p]).stdout.trim();
  const inet = sh('postconf', ['-c', dir, '-M']).stdout.split('\n').filter((l) => /^\S+\s+inet\s/.test(l));
  const unsafe =
    get('inet_interfaces') !== '127.0.0.1' || get('relayhost') !== '' ||
    ['default_transport', 'relay_transport', 'local_transport'].some((p) => get(p) !== 'discard') ||
    inet.length !== 1 || !inet[0]!.startsWith(`127.0.0.1:${port} `);
  if (unsafe) {
    cleanup();
    return { skipped: 'the bench configuration did not come out loopback-only with every transport discard' };
  }
  const start = sh('postfix', ['-c', dir, 'start']);
  if (start.status !== 0) {
    cleanup();
    return { skipped: `postfix start failed: ${start.stderr.trim()}` };
  }
  await new Promise((r) => setTimeout(r, 1000));
  return {
    port,
    stop: () => {
      sh('postfix', ['-c', dir, 'stop']);
      cleanup();
    },
  };
}

export async function benchServe(): Promise<void> {
  const postfix = await startPostfix();
  const pf = new Map<number, Figures>();
  let pfSource: number | undefined;
  if ('skipped' in postfix) console.log(`Postfix smtpd: not measured (${postfix.skipped})`);
  else {
    try {
      for (const [c, n] of LEVELS) {
        const f = figures(await load(postfix.port, c, n));
        pf.set(c, f);
        line(`Postfix smtpd, ${c} client${c > 1 ? 's' : ''}`, f);
      }
      pfSource = await smtpSource(postfix.port, 50, 1000);
      console.log(`${'Postfix smtpd, smtp-source -s 50 (1,000 msgs)'.padEnd(48)} ${pfSource.toFixed(0).padStart(6)} msg/s`);
    } finally {
      postfix.stop();
    }
  }
  const serve = await startServeProcess();
  try {
    for (const [c, n] of LEVELS) line(`relaylab serve, ${c} client${c > 1 ? 's' : ''}`, figures(await load(serve.port, c, n)), { tps: pf.get(c)?.tps, p99: c === 200 ? 100 : undefined });
    const own = await smtpSource(serve.port, 50, 1000);
    console.log(`${'relaylab serve, smtp-source -s 50 (1,000 msgs)'.padEnd(48)} ${own.toFixed(0).padStart(6)} msg/s${pfSource ? `  ${(own / pfSource).toFixed(2)}× Postfix (target ≥ 1)` : ''}`);
  } finally {
    await serve.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchServe();
