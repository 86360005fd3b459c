// Globals that Node code expects: Buffer, process, setImmediate (a real
// macrotask via MessageChannel, not a microtask, so streams interleave as in Node).
import { Buffer } from 'buffer';
import process from 'process/browser.js';

const g = globalThis as unknown as Record<string, unknown>;
if (!g.Buffer) g.Buffer = Buffer;
if (!g.process) g.process = process;
// The polyfill's nextTick is a setTimeout(0), which a browser stretches to 4 ms once timers nest (five
// deep): every stream step of an SMTP session (readable-stream ticks) then waited in real time, and a
// lab's grading probes spent ~0.5 s asleep. Node runs nextTick before the next task; a microtask is that.
(process as { nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => void }).nextTick = (fn, ...args) => queueMicrotask(() => fn(...args));
if (!g.global) g.global = globalThis;
if (!g.setImmediate) {
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  g.setImmediate = (fn: (...a: unknown[]) => void, ...args: unknown[]) => {
    queue.push(() => fn(...args));
    channel.port2.postMessage(0);
    return { unref() {}, ref() {} };
  };
  g.clearImmediate = () => {};
}

// Node timer handles have unref()/ref(); smtp-server calls them. Browser
// timers return numbers, so wrap them in a handle that still converts back.
type Handle = { id: number; unref(): Handle; ref(): Handle; hasRef(): boolean; [Symbol.toPrimitive](): number };
const marker = '__relaylabTimers';
if (!g[marker]) {
  g[marker] = true;
  const origSet = globalThis.setTimeout.bind(globalThis);
  const origClear = globalThis.clearTimeout.bind(globalThis);
  const origSetInterval = globalThis.setInterval.bind(globalThis);
  const origClearInterval = globalThis.clearInterval.bind(globalThis);
  const wrap = (id: number): Handle => {
    const h: Handle = {
      id,
      unref: () => h,
      ref: () => h,
      hasRef: () => true,
      [Symbol.toPrimitive]: () => id,
    };
    return h;
  };
  const unwrap = (h: unknown): number | undefined => (h && typeof h === 'object' ? (h as Handle).id : (h as number | undefined));
  g.setTimeout = (fn: TimerHandler, ms?: number, ...args: unknown[]) => wrap(origSet(fn, ms, ...args) as unknown as number);
  g.clearTimeout = (h: unknown) => origClear(unwrap(h));
  g.setInterval = (fn: TimerHandler, ms?: number, ...args: unknown[]) => wrap(origSetInterval(fn, ms, ...args) as unknown as number);
  g.clearInterval = (h: unknown) => origClearInterval(unwrap(h));
}
