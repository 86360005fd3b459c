/**
 * Running `relaylab serve` for the tests: in this process (startServe, free
 * loopback ports chosen by the kernel), with its control socket and
 * certificate cache in temporary directories; real tools (telnet, swaks,
 * nmap, openssl) and `relaylab shell|check --attach` run as child processes,
 * asynchronously — the serve runs on this process's event loop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServeArgs, startServe, type RunningServe } from '../../../cli/serve/command.ts';
import { enableServiceLines } from '../helpers/master-cf.ts';

export const BIN = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));

/** One certificate cache for every test run (it is a cache: made once, reused). */
export const CERT_CACHE = join(tmpdir(), 'relaylab-test-cert-cache');

export type TestServe = RunningServe & {
  port: number;
  submissionPort: number;
  /** submissions: TLS from the first byte. */
  smtpsPort: number;
  /** Environment under which `relaylab … --attach` finds this serve. */
  env: NodeJS.ProcessEnv;
  close(): string;
};

export async function serve(args: string[]): Promise<TestServe> {
  const root = mkdtempSync(join(tmpdir(), 'relaylab-serve-test-'));
  const running = await startServe(parseServeArgs(args), { realPorts: { 25: 0, 465: 0, 587: 0 }, controlDir: join(root, 'relaylab'), certDir: CERT_CACHE });
  return {
    ...running,
    port: running.ports.get(25)!,
    submissionPort: running.ports.get(587)!,
    smtpsPort: running.ports.get(465)!,
    env: { ...process.env, XDG_RUNTIME_DIR: root },
    close() {
      const text = running.stop();
      rmSync(root, { recursive: true, force: true });
      return text;
    },
  };
}

export type Run = { code: number | null; out: string; err: string };

/** Run a program to its end without blocking the event loop; `input` is written to its stdin, then closed. */
export function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** `relaylab shell --attach` with these lines typed, on the given serve. */
export function attachShell(s: TestServe, lines: string[]): Promise<Run> {
  return run(process.execPath, [BIN, 'shell', '--attach'], { input: lines.join('\n') + '\n', env: s.env, timeoutMs: 30_000 });
}

export function attachCheck(s: TestServe, args: string[] = [], lines: string[] = []): Promise<Run> {
  return run(process.execPath, [BIN, 'check', '--attach', ...args], { input: lines.join('\n') + (lines.length ? '\n' : ''), env: s.env, timeoutMs: 30_000 });
}

export function swaks(port: number, args: string[]): Promise<Run> {
  return run('swaks', ['-s', '127.0.0.1', '-p', String(port), ...args]);
}

/** nmap's relay battery against a high port: -sV so that nmap knows the port is SMTP and runs the script. */
export async function nmapRelay(port: number, extra: string[] = []): Promise<string> {
  const r = await run('nmap', ['-sV', '-Pn', '-n', '-p', String(port), '--script', 'smtp-open-relay', ...extra, '127.0.0.1'], { timeoutMs: 60_000 });
  return r.out;
}

/** The verdict of nmap's script, or of relaytest (the same words). */
export function relayVerdict(out: string): string | undefined {
  return /smtp-open-relay: (.*)$/m.exec(out)?.[1]?.trim();
}

/** Lines a lab's shell types to enable the submission service (587; Debian's commented block in master.cf) and reload. */
export const ENABLE_SUBMISSION = enableServiceLines('submission');

/** The same for submissions (465, TLS from the first byte: smtpd_tls_wrappermode). */
export const ENABLE_SUBMISSIONS = enableServiceLines('submissions');

/** A real port opens on the serve's next clock tick after `postfix reload`: resolves once it accepts (each probe closed at once). */
export async function untilOpen(port: number, tries = 40): Promise<void> {
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect({ host: '127.0.0.1', port });
      sock.once('connect', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (i >= tries) throw new Error(`127.0.0.1:${port} did not open`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The serve's clock runs in real time, so what the queue manager does after a DATA (local delivery)
 * happens a moment later: ask again, a few times, until `done` says the answer is there.
 */
export async function attachUntil(s: TestServe, lines: string[], done: (out: string) => boolean, tries = 10): Promise<Run> {
  let r = await attachShell(s, lines);
  for (let i = 1; i < tries && !done(r.out); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    r = await attachShell(s, lines);
  }
  return r;
}
