/**
 * Observation 6: waiting for the network costs simulated time, not real time.
 * A dropped SYN, a server that never answers and a silent peer in telnet all
 * move the virtual clock by exactly the client's timeout.
 */
import { describe, expect, it } from 'vitest';
import { liveShell } from './live-shell.ts';
import { LINE_TICK_MS } from '../../../simulator/shell/runner.ts';
import { LINUX_CONNECT_TIMEOUT_MS } from '../../../simulator/net/network.ts';
import { SmtpReader } from '../../../simulator/mail/smtp-reader.ts';

async function firewalled() {
  const sh = liveShell();
  await sh.type('ssh fw');
  await sh.type('iptables -I INPUT -p tcp --dport 25 -j DROP');
  await sh.type('exit');
  return sh;
}

describe('a dropped SYN', () => {
  it('telnet waits out the kernel connect timeout on the virtual clock and says so as netkit telnet does', async () => {
    const sh = await firewalled();
    const before = sh.sim.clock.now();
    const out = await sh.type('telnet fw 25');
    expect(out).toBe('Trying 10.0.0.1...\ntelnet: Unable to connect to remote host: Connection timed out\n');
    expect(sh.sim.clock.now() - before).toBe(LINUX_CONNECT_TIMEOUT_MS + LINE_TICK_MS);
  });

  it('nc -w N gives up after N simulated seconds', async () => {
    const sh = await firewalled();
    const before = sh.sim.clock.now();
    const out = await sh.type('nc -w 5 fw 25');
    expect(out).toBe('nc: connect to fw port 25 (tcp) failed: Connection timed out\n');
    expect(sh.sim.clock.now() - before).toBe(5000 + LINE_TICK_MS);
  });

  it('probes and grading get an immediate verdict and do not move the clock', async () => {
    const sh = await firewalled();
    const before = sh.sim.clock.now();
    await expect(sh.sim.network.connect('ops.corp.example', '10.0.0.1', 25, 'probe', { probe: true })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(sh.sim.clock.now()).toBe(before);
  });
});

describe('a server that never answers', () => {
  function silentServer(sh: ReturnType<typeof liveShell>) {
    // Accepts the connection and says nothing, like a tarpit or a wedged daemon.
    sh.sim.network.listen('mail.corp.example', 2525, { accept: () => {} }, 'tarpit');
  }

  it('swaks times out after its 30 s, in simulated time', async () => {
    const sh = liveShell();
    silentServer(sh);
    const before = sh.sim.clock.now();
    const out = await sh.type('swaks -s mail.corp.example -p 2525 -t bob@corp.example');
    expect(out).toContain('=== Connected to mail.corp.example.\n*** Timeout (30 secs) waiting for server response\n');
    expect(sh.sim.clock.now() - before).toBe(30_000 + LINE_TICK_MS);
  });

  it('a grading probe waits for a silent server without moving the clock (it must leave no trace)', async () => {
    const sh = liveShell();
    silentServer(sh);
    const before = sh.sim.clock.now();
    const socket = await sh.sim.network.connect('ops.corp.example', '10.0.0.25', 2525, 'probe', { probe: true });
    expect(await new SmtpReader(socket).next(4000)).toBeUndefined();
    expect(sh.sim.clock.now()).toBe(before);
  });

  it('a script typing into telnet goes on after the client\'s patience (3 simulated seconds)', async () => {
    const sh = liveShell();
    silentServer(sh);
    await sh.type('telnet mail.corp.example 2525');
    const before = sh.sim.clock.now();
    await sh.type('HELLO?');
    expect(sh.sim.clock.now() - before).toBe(3000);
    sh.session.input('\x1d');
    await sh.type('quit');
    expect(sh.transcript()).toContain('Connection closed.');
  });
});
