import { describe, expect, it } from 'vitest';
import { createSocketPair, type TimerApi } from '../../../simulator/net/virtual-socket.ts';

const ends = { client: { address: '10.0.0.10', port: 50000 }, server: { address: '10.0.0.25', port: 25 } };
const nextEvent = (emitter: NodeJS.EventEmitter, name: string) => new Promise((r) => emitter.once(name, r));

describe('virtual socket pair', () => {
  it('carries bytes both ways and knows its addresses', async () => {
    const { client, server } = createSocketPair(ends.client, ends.server);
    expect(client.readyState).toBe('open');
    expect(server.remoteAddress).toBe('10.0.0.10');
    expect(client.remotePort).toBe(25);
    const got = nextEvent(server, 'data');
    client.write('HELO x\r\n');
    expect(String(await got)).toBe('HELO x\r\n');
    const back = nextEvent(client, 'data');
    server.write(Buffer.from([0x32, 0x35, 0x30, 0xff]));
    expect([...((await back) as Buffer)]).toEqual([0x32, 0x35, 0x30, 0xff]);
  });

  it('by default, like net.Socket, the peer FIN closes both sides', async () => {
    const { client, server } = createSocketPair(ends.client, ends.server);
    client.resume();
    server.resume();
    const closed = Promise.all([nextEvent(client, 'close'), nextEvent(server, 'close')]);
    server.end();
    await closed;
    expect(client.readyState).toBe('closed');
  });

  it('half-closes with allowHalfOpen: after end() the peer sees end but can still write back', async () => {
    const { client, server } = createSocketPair(ends.client, ends.server, undefined, { allowHalfOpen: true });
    server.resume();
    const serverEnded = nextEvent(server, 'end');
    client.end();
    await serverEnded;
    expect(server.readyState).toBe('writeOnly');
    expect(client.readyState).toBe('readOnly');
    const late = nextEvent(client, 'data');
    server.write('221 bye\r\n');
    expect(String(await late)).toBe('221 bye\r\n');
    const closed = Promise.all([nextEvent(client, 'close'), nextEvent(server, 'close')]);
    client.resume();
    server.end();
    await closed;
    expect(client.readyState).toBe('closed');
    expect(server.readyState).toBe('closed');
  });

  it('destroy closes both sides and later writes fail with EPIPE', async () => {
    const { client, server } = createSocketPair(ends.client, ends.server);
    const closed = Promise.all([nextEvent(client, 'close'), nextEvent(server, 'close')]);
    server.destroy();
    await closed;
    expect(client.destroyed).toBe(true);
    expect(server.readyState).toBe('closed');
  });

  it('fires the idle timeout only after inactivity, and activity re-arms it', () => {
    const pending = new Map<number, () => void>();
    let nextId = 1;
    const timers: TimerApi = {
      set: (fn) => {
        const id = nextId++;
        pending.set(id, fn);
        return id;
      },
      clear: (h) => pending.delete(h as number),
    };
    const { server } = createSocketPair(ends.client, ends.server, timers);
    let fired = 0;
    server.setTimeout(60_000, () => fired++);
    expect(pending.size).toBe(1);
    server.write('220 hi\r\n'); // activity replaces the armed timer
    expect(pending.size).toBe(1);
    for (const [id, fn] of [...pending.entries()]) {
      pending.delete(id); // a real timer is gone once it fires
      fn();
    }
    expect(fired).toBe(1);
    server.write('more'); // activity after the timeout arms it again
    expect(pending.size).toBe(1);
    expect(fired).toBe(1);
    server.setTimeout(0);
    expect(pending.size).toBe(0);
  });
});
