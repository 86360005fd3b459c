/**
 * A load client for real SMTP servers on loopback (relaylab serve, and in the
 * bench Postfix too): `clients` connections at once, each doing whole
 * transactions (greeting, EHLO, MAIL, RCPT, DATA, QUIT), until `total`
 * transactions are done (closed loop: a client starts its next transaction
 * when the last one ends), or arriving at a fixed rate (openLoad). Latency is one transaction's: connect to the 250
 * after the final dot. Used by tests/unit/serve/serve-load.test.ts (counts)
 * and bench/serve.ts (speed).
 */
import { connect } from 'node:net';

export type LoadResult = { clients: number; done: number; errors: string[]; latenciesMs: number[]; wallMs: number };

const BODY = 'Subject: load test\r\nFrom: <load@example.org>\r\n\r\nOne of many.\r\n.\r\n';

/** One whole transaction on a new connection; resolves with its latency, rejects with what went wrong. */
export function transaction(port: number, rcpt: string, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const steps = ['EHLO load.example.org', 'MAIL FROM:<load@example.org>', `RCPT TO:<${rcpt}>`, 'DATA', BODY, 'QUIT'];
    const expect = [/^220 /, /^250 /, /^250 /, /^250 /, /^354 /, /^250 /, /^221 /];
    let step = 0;
    let buf = '';
    let latency = 0;
    const timer = setTimeout(() => fail(`timeout at step ${step}`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new Error(why));
    };
    socket.on('error', (e) => fail(e.message));
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      for (;;) {
        const m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\r?\n/.exec(buf);
        if (!m) return;
        buf = buf.slice(m[0].length);
        const last = m[0].trimEnd().split('\n').pop()!;
        if (!expect[step]!.test(last)) return fail(`step ${step}: ${last}`);
        if (step === 5) latency = performance.now() - start;
        if (step === 6) {
          clearTimeout(timer);
          socket.end();
          return resolve(latency);
        }
        const line = steps[step++]!;
        socket.write(line.endsWith('\r\n') ? line : line + '\r\n');
      }
    });
  });
}

export async function load(port: number, clients: number, total: number, rcpt = 'bob@corp.example'): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const errors: string[] = [];
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < total) {
      started++;
      try {
        latenciesMs.push(await transaction(port, rcpt));
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return { clients, done: latenciesMs.length, errors, latenciesMs, wallMs: performance.now() - t0 };
}

/**
 * Open loop: transactions arrive at a fixed rate (`perSecond`), whatever the server's speed,
 * at most `maxConcurrent` open at once (a later arrival waits for a free slot, and that wait
 * counts). Latency is from the arrival's scheduled time to the 250 after the final dot, so a
 * server that falls behind shows it (no coordinated omission), which closed-loop clients hide.
 */
export async function openLoad(port: number, perSecond: number, total: number, maxConcurrent: number, rcpt = 'bob@corp.example'): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const errors: string[] = [];
  const waiting: number[] = [];
  let open = 0;
  let finished = 0;
  const t0 = performance.now();
  if (total <= 0 || perSecond <= 0) return { clients: maxConcurrent, done: 0, errors, latenciesMs, wallMs: 0 };
  return new Promise((resolve) => {
    const start = (arrival: number) => {
      open++;
      transaction(port, rcpt)
        .then(() => latenciesMs.push(performance.now() - arrival), (e: Error) => errors.push(e.message))
        .finally(() => {
          open--;
          finished++;
          const next = waiting.shift();
          if (next !== undefined) start(next);
          if (finished === total) resolve({ clients: maxConcurrent, done: latenciesMs.length, errors, latenciesMs, wallMs: performance.now() - t0 });
        });
    };
    let sent = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * perSecond) + 1);
      for (; sent < due; sent++) {
        const arrival = t0 + (sent / perSecond) * 1000;
        if (open < maxConcurrent) start(arrival);
        else waiting.push(arrival);
      }
      if (sent < total) setTimeout(tick, Math.max(0, t0 + (sent / perSecond) * 1000 - performance.now()));
    };
    tick();
  });
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
