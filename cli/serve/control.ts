/**
 * The control channel of a running `relaylab serve`: a Unix socket in a
 * private directory ($XDG_RUNTIME_DIR/relaylab, else /tmp/relaylab-UID, mode
 * 0700) plus a per-run token, so `relaylab shell --attach` and `relaylab check
 * --attach` work on the very network real clients are probing. The socket
 * path and token are printed at start and written to `serve.json` beside the
 * socket (mode 0600), where the attach commands find them.
 *
 * Protocol: one JSON object per line. The client's first line is
 * `{hello: {token, verb: 'shell'|'check', mode, cols, rows, lab?, answers?}}`;
 * then a shell gets `{keys}` (a terminal's raw keys), `{line}` (a script's
 * lines), `{resize}` and `{eof}`; the server sends `{out}`, `{err}` and at the
 * end `{exit}`. A wrong token gets `{err}` and the connection closes.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createShell } from '../../simulator/shell/create-shell.ts';
import type { ShellSession } from '../../simulator/shell/session.ts';
import type { Simulation } from '../../simulator/simulation.ts';
import type { Lab } from '../../simulator/labs/schema.ts';
import { gradeLab } from '../../simulator/grader/grade.ts';
import { applyGradingRule } from '../../simulator/grader/lab-progress.ts';
import { transcriptText } from '../transcript.ts';
import { verdictLines } from '../check.ts';
import { loadLab } from '../lab-files.ts';
import { controlFile, runtimeDir, type ControlInfo, type ControlMessage, type Hello } from './control-path.ts';

export type ControlContext = { sim: Simulation; lab?: Lab; seed: number; startHost: string };

export class ControlServer {
  readonly info: ControlInfo;
  private readonly server: Server;
  private readonly clients = new Set<Socket>();

  private constructor(
    private readonly ctx: ControlContext,
    private readonly dir: string,
  ) {
    this.info = { socket: join(dir, `serve-${process.pid}.sock`), token: randomBytes(16).toString('hex'), pid: process.pid };
    this.server = createServer((c) => this.accept(c));
  }

  static async start(ctx: ControlContext, dir = runtimeDir()): Promise<ControlServer> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const s = new ControlServer(ctx, dir);
    rmSync(s.info.socket, { force: true });
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(s.info.socket, () => resolve());
    });
    chmodSync(s.info.socket, 0o600);
    writeFileSync(controlFile(dir), JSON.stringify(s.info) + '\n', { mode: 0o600 });
    return s;
  }

  close(): void {
    for (const c of this.clients) c.destroy();
    this.server.close();
    rmSync(this.info.socket, { force: true });
    rmSync(controlFile(this.dir), { force: true });
  }

  private tokenOk(given: unknown): boolean {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.info.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private accept(c: Socket): void {
    this.clients.add(c);
    c.on('close', () => this.clients.delete(c));
    c.on('error', () => c.destroy());
    const send = (m: object) => {
      if (!c.destroyed) c.write(JSON.stringify(m) + '\n');
    };
    let handler: ((m: ControlMessage) => void) | undefined;
    const lines = createInterface({ input: c, crlfDelay: Infinity });
    lines.on('line', (text) => {
      let m: ControlMessage;
      try {
        m = JSON.parse(text) as ControlMessage;
      } catch {
        return void c.destroy();
      }
      if (handler) return handler(m);
      if (!m.hello || !this.tokenOk(m.hello.token)) {
        send({ err: 'relaylab: the control token does not match this serve process\n' });
        send({ exit: 2 });
        return void c.end();
      }
      const hello = m.hello;
      handler = hello.verb === 'check' ? this.check(hello, send, () => c.end()) : this.shell(hello, send, () => c.end());
    });
    lines.on('close', () => handler?.({ eof: true }));
  }

  /** A shell on the live network: raw keys from a terminal, or a script's lines typed when a person could type them. */
  private shell(hello: Hello, send: (m: object) => void, done: () => void): (m: ControlMessage) => void {
    const tty = hello.mode === 'tty';
    const size = { cols: hello.cols ?? 80, rows: hello.rows ?? 24 };
    const session = createShell(this.ctx.sim, {
      write: (d) => send({ out: tty ? d : transcriptText(d) }),
      get cols() {
        return size.cols;
      },
      get rows() {
        return size.rows;
      },
    }, { startHost: this.ctx.startHost });
    session.start();
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      if (!tty && !session.isClosed) send({ out: '\n' });
      send({ exit: session.lastExitCode });
      done();
    };
    if (tty) {
      const poll = setInterval(() => {
        if (session.isClosed) {
          clearInterval(poll);
          finish();
        }
      }, 50);
      return (m) => {
        if (m.keys !== undefined) session.input(m.keys);
        if (m.resize) Object.assign(size, m.resize);
        if (m.eof) {
          clearInterval(poll);
          ended = true;
        }
      };
    }
    // Lines are typed one after another, each once the previous command is done; the clock runs in real time meanwhile.
    let chain = Promise.resolve();
    return (m) => {
      if (m.line !== undefined) {
        const line = m.line;
        chain = chain.then(() => typeWhenReady(session, line));
      }
      if (m.eof) {
        chain = chain.then(async () => {
          await session.whenReady({ patient: false });
          session.endOfInput();
          await session.whenReady({ patient: false });
          finish();
        });
      }
    };
  }

  /** `check --attach`: type the lines into a shell on the live network, then grade the lab's steps on it as it is now. */
  private check(hello: Hello, send: (m: object) => void, done: () => void): (m: ControlMessage) => void {
    let lab: Lab | undefined = this.ctx.lab;
    try {
      if (hello.lab) lab = loadLab(hello.lab);
    } catch (err) {
      send({ err: `relaylab check: ${(err as Error).message}\n` });
      send({ exit: 2 });
      done();
      return () => undefined;
    }
    if (!lab) {
      send({ err: 'relaylab check: this serve runs no lab; name one with --lab ID\n' });
      send({ exit: 2 });
      done();
      return () => undefined;
    }
    const theLab = lab;
    let transcript = '';
    const session = createShell(this.ctx.sim, { write: (d) => void (transcript += d), cols: 100, rows: 30 }, { startHost: this.ctx.lab ? this.ctx.startHost : theLab.startHost });
    session.start();
    let chain = Promise.resolve();
    return (m) => {
      if (m.line !== undefined) {
        const line = m.line;
        chain = chain.then(() => typeWhenReady(session, line));
      }
      if (!m.eof) return;
      chain = chain.then(async () => {
        await session.whenReady({ patient: false });
        session.endOfInput();
        await session.whenReady({ patient: false });
        if (hello.transcript) send({ out: transcriptText(transcript) + '\n' });
        const progress = applyGradingRule(await gradeLab(this.ctx.sim, theLab, hello.answers ?? {}));
        send({ out: verdictLines(theLab, this.ctx.seed, progress, []) });
        send({ exit: progress.complete ? 0 : 1 });
        done();
      });
    };
  }
}

/** Type a line once a person could: at the prompt or when the program waits for input, in real time (never jumping the clock). */
async function typeWhenReady(session: ShellSession, line: string): Promise<void> {
  if (session.isClosed) return;
  await session.whenReady({ patient: false });
  session.input(line + '\r');
}
