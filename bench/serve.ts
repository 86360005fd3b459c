/**
 * Bench (issue 13): `relaylab serve` on loopback — transactions per second
 * and p99 latency with 1, 50 and 200 concurrent clients (bench/smtp-load-client.ts,
 * whole transactions to a local mailbox) — and, when Debian's postfix and
 * smtp-source are installed and we are root, the same figures for Postfix's
 * own smtpd on the same machine, plus smtp-source (Postfix's load client)
 * against both, printed as ratios. Targets: at least Postfix's throughput,
 * p99 under 100 ms at 200 clients.
 *
 * Postfix runs from a copy of /etc/postfix in a temporary directory, with its
 * own queue and data directories there (the system's files and any system
 * Postfix are not touched), started and stopped here: it listens on
 * 127.0.0.1 only, on one free port, and every transport (local, smtp, relay,
 * default) is discard(8), so nothing is delivered anywhere, not even to a
 * mailbox; the bench checks this before starting it and skips Postfix if
 * anything is not as it should be.
 *
 * Closed-loop clients (each starts its next transaction when the last one
 * ends) cannot see p99 below clients / throughput (Little's law: 200 clients
 * at 350 tx/s wait ≈ 570 ms each on average), for Postfix as for us; the
 * bench prints that bound beside each p99. The p99 target is then measured
 * open-loop: transactions arriving at a fixed rate (Postfix's measured
 * closed-loop rate at 200 clients, or 300/s without Postfix), at most 200
 * open at once, latency from the scheduled arrival.
 *
 * RELAYLAB_BENCH_CPU_PROF=DIR runs the serve process under `node --cpu-prof`
 * and leaves its profile in DIR.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, openLoad, percentile, type LoadResult } from './smtp-load-client.ts';

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

type Figures = { clients: number; tps: number; p50: number; p99: number; errors: number };
const figures = (r: LoadResult): Figures => ({
  clients: r.clients, tps: (r.done / r.wallMs) * 1000, p50: percentile(r.latenciesMs, 50), p99: percentile(r.latenciesMs, 99), errors: r.errors.length,
});

/** One result line: tx/s, p50/p99, for closed loops the Little's-law floor, and ratios to Postfix's line. */
function line(name: string, f: Figures, o: { postfix?: Figures; p99Target?: number; closed?: boolean } = {}): void {
  // Little's law for a closed loop: the mean latency is clients / throughput, so p99 cannot be below it.
  const floor = o.closed && f.clients > 1 ? `  (mean ≈ ${f.clients} / tx/s = ${((f.clients / f.tps) * 1000).toFixed(0)} ms)` : '';
  const target = o.p99Target ? ` target < ${o.p99Target} ms: ${f.p99 < o.p99Target ? 'met' : 'MISSED'}` : '';
  const ratio = o.postfix ? `  ${(f.tps / o.postfix.tps).toFixed(2)}× Postfix tx/s, p99 ${(f.p99 / o.postfix.p99).toFixed(2)}× Postfix's` : '';
  const errors = f.errors ? `  ${f.errors} ERRORS` : '';
  console.log(`${name.padEnd(44)} ${f.tps.toFixed(0).padStart(5)} tx/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms${target}${floor}${ratio}${errors}`);
}

/** The open-loop level: arrivals at one rate for OPEN_SECONDS, at most OPEN_CONCURRENCY open at once. */
const OPEN_CONCURRENCY = 200;
const OPEN_SECONDS = 5;

async function startServeProcess(): Promise<{ port: number; stop: () => Promise<void> }> {
  const base = (await freePort(2600, 2699)) - 25;
  const root = mkdtempSync(join(tmpdir(), 'relaylab-bench-serve-'));
  const prof = process.env.RELAYLAB_BENCH_CPU_PROF;
  const node = prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [];
  const child: ChildProcess = spawn(process.execPath, [...node, BIN, 'serve', '--scenario', 'closed', '--seed', '1', '--port-base', String(base)], {
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
async function startPostfix(): Promise<{ port: number; processLimit: number; stop: () => void } | { skipped: string }> {
  if (!existsSync('/usr/sbin/postfix') || !existsSync('/usr/sbin/smtp-source')) return { skipped: "Debian's postfix is not installed" };
  if (process.getuid?.() !== 0) return { skipped: 'not root (postfix start needs it)' };
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'relaylab-bench-postfix-'));
  // The postfix user must reach its queue and data directories inside.
  chmodSync(root, 0o755);
  const dir = join(root, 'etc');
  cpSync('/etc/postfix', dir, { recursive: true });
  // Its own queue and data directories: a system Postfix (running or not) shares nothing with this one.
  mkdirSync(join(root, 'spool'));
  mkdirSync(join(root, 'data'));
  chownSync(join(root, 'data'), postfixUid(), 0);
  // Postfix's defaults plus the settings below, not whatever /etc/postfix/main.cf says (a size limit, a relayhost).
  writeFileSync(join(dir, 'main.cf'), '');
  const set = [
    'inet_interfaces = 127.0.0.1', 'relayhost =', 'default_transport = discard', 'relay_transport = discard', 'local_transport = discard',
    'mydestination = corp.example, localhost', 'mynetworks = 127.0.0.0/8', 'maillog_file = /var/log/postfix-relaylab-bench.log',
    'smtpd_error_sleep_time = 0', `queue_directory = ${join(root, 'spool')}`, `data_directory = ${join(root, 'data')}`, 'compatibility_level = 3.6',
  ];
  sh('postconf', ['-c', dir, '-e', ...set]);
  // master.cf: the smtp listener moves to 127.0.0.1:PORT (no other inet service), smtp/relay clients become discard.
  const master = readFileSync(join(dir, 'master.cf'), 'utf8')
    .split('\n')
    .filter((l) => !/^\S+\s+inet\s/.test(l))
    .map((l) => l.replace(/^(smtp|relay)(\s+unix\s.*\s)smtp$/, '$1$2discard'))
    .join('\n');
  writeFileSync(join(dir, 'master.cf'), `${master}\n127.0.0.1:${port} inet n - n - - smtpd\n`);
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  const get = (p: string) => sh('postconf', ['-c', dir, '-h', p]).stdout.trim();
  const inet = sh('postconf', ['-c', dir, '-M']).stdout.split('\n').filter((l) => /^\S+\s+inet\s/.test(l));
  const unsafe =
    get('inet_interfaces') !== '127.0.0.1' || get('relayhost') !== '' || get('queue_directory') !== join(root, 'spool') ||
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
    processLimit: Number(get('default_process_limit')),
    stop: () => {
      sh('postfix', ['-c', dir, 'stop']);
      cleanup();
    },
  };
}

/** The postfix user's uid (its data_directory must be owned by it). */
function postfixUid(): number {
  const entry = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postfix:'));
  return Number(entry?.split(':')[2] ?? 0);
}

export async function benchServe(): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${cpus().length} CPUs, ${new Date().toISOString().slice(0, 16)}Z`);
  const postfix = await startPostfix();
  const pf = new Map<number, Figures>();
  let pfSource: number | undefined;
  let pfOpen: Figures | undefined;
  let rate = 300;
  if ('skipped' in postfix) console.log(`Postfix smtpd: not measured (${postfix.skipped})`);
  else {
    try {
      console.log(`Postfix smtpd: loopback-only, every transport discard, default_process_limit = ${postfix.processLimit} (connections beyond it wait in the listen queue)`);
      for (const [c, n] of LEVELS) {
        const f = figures(await load(postfix.port, c, n));
        pf.set(c, f);
        line(`Postfix smtpd, ${c} client${c > 1 ? 's' : ''} (closed loop)`, f, { closed: true });
      }
      // Postfix's own closed-loop rate at 200 clients is the arrival rate both servers get.
      if (pf.get(200)!.tps >= 1) rate = Math.round(pf.get(200)!.tps);
      pfOpen = figures(await openLoad(postfix.port, rate, rate * OPEN_SECONDS, OPEN_CONCURRENCY));
      line(`Postfix smtpd, ${rate}/s arriving, ≤ ${OPEN_CONCURRENCY} open`, pfOpen);
      pfSource = await smtpSource(postfix.port, 50, 1000);
      console.log(`${'Postfix smtpd, smtp-source -s 50 (1,000 msgs)'.padEnd(44)} ${pfSource.toFixed(0).padStart(5)} msg/s`);
    } finally {
      postfix.stop();
    }
  }
  const serve = await startServeProcess();
  try {
    for (const [c, n] of LEVELS) line(`relaylab serve, ${c} client${c > 1 ? 's' : ''} (closed loop)`, figures(await load(serve.port, c, n)), { postfix: pf.get(c), closed: true });
    const open = figures(await openLoad(serve.port, rate, rate * OPEN_SECONDS, OPEN_CONCURRENCY));
    line(`relaylab serve, ${rate}/s arriving, ≤ ${OPEN_CONCURRENCY} open`, open, { postfix: pfOpen, p99Target: 100 });
    // smtp-source comes with Postfix: without it (a machine with no postfix package) this figure is skipped, not a crash.
    if (!existsSync('/usr/sbin/smtp-source')) console.log(`${'relaylab serve, smtp-source -s 50'.padEnd(44)} not measured (smtp-source, from Debian's postfix, is not installed)`);
    else {
      const own = await smtpSource(serve.port, 50, 1000);
      console.log(`${'relaylab serve, smtp-source -s 50 (1,000 msgs)'.padEnd(44)} ${own.toFixed(0).padStart(5)} msg/s${pfSource ? `  ${(own / pfSource).toFixed(2)}× Postfix (target ≥ 1)` : ''}`);
    }
  } finally {
    await serve.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchServe();
