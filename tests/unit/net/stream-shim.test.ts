/**
 * The browser's stream (site/node-shims/stream.ts) against what the browser ran before it:
 * readable-stream v4 (Node's streams, ported) with process.nextTick as a microtask, as
 * site/node-shims/globals.ts sets it. Each scenario, on what the SMTP code relies on, runs on both
 * and must give the same events in the same order.
 * (vitest.shim.config.ts also runs the SMTP, mail, lab and differential suites on the shim.)
 */
import type * as node from 'node:stream';
// @ts-expect-error readable-stream ships no types; it is Node's stream API
import * as ported from 'readable-stream';
import { describe, expect, it } from 'vitest';
import * as shim from '../../../site/node-shims/stream.ts';

type Lib = { Duplex: typeof node.Duplex; Writable: typeof node.Writable; PassThrough: typeof node.PassThrough; Readable: typeof node.Readable };

const settle = () => new Promise((r) => setTimeout(r, 5));

/** A pair like simulator/net/virtual-socket.ts: each side's writes arrive on the other, FIN included. */
function pair(lib: Lib, allowHalfOpen: boolean) {
  const make = (log: string[], name: string) => {
    const s: node.Duplex & { peer?: node.Duplex } = new lib.Duplex({
      allowHalfOpen,
      read() {},
      write(chunk, _enc, cb) {
        const p = s.peer!;
        queueMicrotask(() => p.push(chunk));
        cb();
      },
      final(cb) {
        const p = s.peer!;
        queueMicrotask(() => p.push(null));
        cb();
      },
    });
    for (const e of ['end', 'finish', 'close']) s.on(e, () => log.push(`${name}:${e}`));
    return s;
  };
  const log: string[] = [];
  const a = make(log, 'a');
  const b = make(log, 'b');
  a.peer = b;
  b.peer = a;
  return { a, b, log };
}

async function scenario(lib: Lib, run: (lib: Lib, log: string[]) => Promise<void> | void): Promise<string[]> {
  const log: string[] = [];
  await run(lib, log);
  await settle();
  return log;
}

/** readable-stream as the browser ran it: its ticks are microtasks (site/node-shims/globals.ts). */
async function before(run: (lib: Lib, log: string[]) => Promise<void> | void): Promise<string[]> {
  const nextTick = process.nextTick;
  process.nextTick = ((fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args))) as typeof process.nextTick;
  try {
    return await scenario(ported as unknown as Lib, run);
  } finally {
    process.nextTick = nextTick;
  }
}

const cases: Record<string, (lib: Lib, log: string[]) => Promise<void> | void> = {
  'a socket pair: data both ways, then FIN from one side closes both (not half-open)': async (lib, log) => {
    const { a, b, log: events } = pair(lib, false);
    b.on('data', (d: Buffer) => log.push(`b got ${d}`));
    a.on('data', (d: Buffer) => log.push(`a got ${d}`));
    a.write('EHLO x\r\n');
    await settle();
    b.write('250 ok\r\n');
    await settle();
    a.end();
    await settle();
    // Each socket's own events in order; between the two sockets, the shim's b:close may come a
    // tick after a:end where readable-stream had it before (nothing reads both sockets' order).
    for (const side of ['a:', 'b:']) log.push(events.filter((e) => e.startsWith(side)).join(' '));
    log.push(`a destroyed ${a.destroyed}`, `b destroyed ${b.destroyed}`);
  },
  'half-open: the side that got FIN may still write, and closes when it ends too': async (lib, log) => {
    const { a, b, log: events } = pair(lib, true);
    a.on('data', (d: Buffer) => log.push(`a got ${d}`));
    b.resume();
    a.end('QUIT\r\n');
    await settle();
    log.push(`b writable ${b.writable}`);
    b.end('221 bye\r\n');
    await settle();
    log.push(...events, `a destroyed ${a.destroyed}`, `b destroyed ${b.destroyed}`);
  },
  'backpressure: write() says false past the high-water mark, drain comes once the writes are done': async (lib, log) => {
    const pending: Array<() => void> = [];
    const w = new lib.Writable({ highWaterMark: 8, write: (_c, _e, cb) => void pending.push(() => cb()) });
    w.on('drain', () => log.push('drain'));
    log.push(`write ${w.write('12345')}`, `write ${w.write('67890')}`, `needDrain ${w.writableNeedDrain}`, `length ${w.writableLength}`);
    while (pending.length) {
      pending.shift()!();
      await settle();
    }
    log.push(`needDrain ${w.writableNeedDrain}`);
  },
  'a PassThrough holds the writer until its reader reads (the DATA stream)': async (lib, log) => {
    const p = new lib.PassThrough({ highWaterMark: 4 });
    let done = 0;
    p.write('abcdef', () => void done++);
    p.write('gh', () => void done++);
    await settle();
    log.push(`callbacks before reading ${done}`);
    const got: string[] = [];
    p.on('data', (d: Buffer) => got.push(String(d)));
    p.on('end', () => log.push('end'));
    p.end();
    await settle();
    log.push(`callbacks after ${done}`, `read ${got.join('')}`);
  },
  'pipe and unpipe: the source pauses when unpiped, and data after a new pipe goes to it': async (lib, log) => {
    const src = new lib.PassThrough();
    const sink = (name: string) => new lib.Writable({ write: (c, _e, cb) => (log.push(`${name} ${c}`), cb()) });
    const one = sink('one');
    const two = sink('two');
    one.on('unpipe', () => log.push('one unpiped'));
    src.pipe(one);
    src.write('a');
    await settle();
    src.unpipe(one);
    log.push(`paused ${src.isPaused()}`);
    src.write('b');
    await settle();
    src.pipe(two);
    src.write('c');
    src.end();
    await settle();
    log.push(`two finished ${two.writableFinished}`);
  },
  'nothing reads: no end; once read, end then close': async (lib, log) => {
    const r = new lib.Readable({ read() {} });
    r.on('end', () => log.push('end'));
    r.on('close', () => log.push('close'));
    r.push('x');
    r.push(null);
    await settle();
    log.push('reading');
    r.on('data', (d: Buffer) => log.push(`data ${d}`));
  },
  'write after end fails the write and the stream; destroy fails pending writes, then close': async (lib, log) => {
    const w = new lib.Writable({ write: (_c, _e, cb) => void setTimeout(cb, 1) });
    w.on('error', (e: NodeJS.ErrnoException) => log.push(`error ${e.code}`));
    w.on('close', () => log.push('close'));
    w.end('a');
    w.write('b', (e) => log.push(`write cb ${(e as NodeJS.ErrnoException | undefined)?.code}`));
    await settle();
    const d = new lib.Writable({ write: () => {} });
    d.on('close', () => log.push('d close'));
    d.write('x');
    d.write('y', (e) => log.push(`pending cb ${(e as NodeJS.ErrnoException | undefined)?.code}`));
    d.destroy();
    log.push(`d writable ${d.writable} destroyed ${d.destroyed}`);
  },
  "the 'readable' way (smtp-server's PROXY header reader): read() and unshift": async (lib, log) => {
    const r = new lib.Readable({ read() {} });
    const onReadable = () => {
      const c = r.read() as Buffer | null;
      if (!c) return;
      log.push(`read ${c}`);
      r.removeListener('readable', onReadable);
      r.unshift(c.subarray(3));
      r.on('data', (d: Buffer) => log.push(`data ${d}`));
    };
    r.on('readable', onReadable);
    r.push('PROXY rest');
  },
};

describe('the browser stream behaves as the readable-stream it replaced', () => {
  for (const [name, run] of Object.entries(cases)) {
    it(name, async () => {
      const was = await before(run);
      const now = await scenario(shim as unknown as Lib, run);
      expect(was.length).toBeGreaterThan(0);
      expect(now).toEqual(was);
    });
  }
});
