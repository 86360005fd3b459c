/**
 * Issue 13, safety: `relaylab serve` as a black box binds 127.0.0.1 by
 * default (not every interface), warns before binding anything else, stops
 * cleanly on Ctrl-C with a summary, and enforces per-client limits.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientGate } from '../../../cli/serve/limits.ts';
import { SIM_PORTS, listenWarning, realPort } from '../../../cli/serve/command.ts';
import { BIN, CERT_CACHE, run, serve, swaks } from './serve-helpers.ts';

const free = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });

/** A port base in 2500–2599 whose base+25, base+65 and base+87 are free now. */
async function freeBase(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const base = 2500 + Math.floor(Math.random() * 100);
    if ((await free(base + 25)) && (await free(base + 65)) && (await free(base + 87))) return base;
  }
  throw new Error('no free port base');
}

/** Whether a TCP connect to host:port is accepted (false: refused). */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const c = connect({ host, port });
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });

/** First reply line on a new connection (the greeting, or a refusal). */
const firstLine = (port: number) =>
  new Promise<{ line: string; close: () => void }>((resolve, reject) => {
    const c = connect({ host: '127.0.0.1', port });
    let buf = '';
    c.on('data', (d) => {
      buf += d.toString();
      const i = buf.indexOf('\r\n');
      if (i >= 0) resolve({ line: buf.slice(0, i), close: () => c.destroy() });
    });
    c.on('error', reject);
  });

describe('relaylab serve, the command', () => {
  it('binds 127.0.0.1 by default, prints what listens where, and on Ctrl-C stops with a summary', async () => {
    const base = await freeBase();
    const root = mkdtempSync(join(tmpdir(), 'relaylab-serve-cli-'));
    const child = spawn(process.execPath, [BIN, 'serve', '--scenario', 'open', '--seed', '1', '--port-base', String(base)], {
      env: { ...process.env, XDG_RUNTIME_DIR: root, XDG_CACHE_HOME: join(CERT_CACHE, 'xdg') },
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Ctrl-C stops')) resolve();
        });
        child.once('exit', () => reject(new Error(`serve exited early: ${out}${err}`)));
      });
      expect(out).toContain('relaylab serve: scenario open, seed 1; the clock runs in real time');
      expect(out).toContain('Real clients are outside.example.org (192.0.2.50) inside the simulation, connecting to mail.corp.example at 203.0.113.25.');
      expect(out).toMatch(new RegExp(`^  127\\.0\\.0\\.1:${base + 25} +→ mail\\.corp\\.example:25  \\(smtp\\)$`, 'm'));
      expect(out).toMatch(new RegExp(`^  127\\.0\\.0\\.1:${base + 65} +→ mail\\.corp\\.example:465  \\(closed: not in master\\.cf; opens when it is enabled and postfix reloads\\)$`, 'm'));
      expect(out).toMatch(new RegExp(`^  127\\.0\\.0\\.1:${base + 87} +→ mail\\.corp\\.example:587  \\(closed: not in master\\.cf; opens when it is enabled and postfix reloads\\)$`, 'm'));
      expect(out).toMatch(/^control: .*\/relaylab\/serve-\d+\.sock \(token [0-9a-f]{32}\)$/m);
      expect(err).not.toContain('WARNING');
      // Loopback only, and on 127.0.0.1 itself: another loopback address of this machine is not served.
      expect(await accepts('127.0.0.1', base + 25)).toBe(true);
      expect(await accepts('127.0.0.2', base + 25)).toBe(false);
      expect((await swaks(base + 25, ['-f', 'spam@example.org', '-t', 'victim@example.net', '--quit-after', 'RCPT'])).code).toBe(0);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      // Two connections: the accept probe and swaks (the one to 127.0.0.2 never arrived).
      expect(out).toMatch(/\nrelaylab serve: stopped\.\nconnections: 2\nsmtpd sessions: 1, messages accepted: 0\nrelay attempts: 1 accepted, 0 refused\n$/);
    } finally {
      child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('maps 25, 465 and 587 to base+25, +65, +87; --port-base 0 is the real ports', () => {
    expect(SIM_PORTS.map((p) => realPort(2500, p))).toEqual([2525, 2565, 2587]);
    expect(SIM_PORTS.map((p) => realPort(0, p))).toEqual([25, 465, 587]);
  });

  it('warns before listening beyond loopback (here an address this machine does not have, so nothing is bound)', async () => {
    const r = await run(process.execPath, [BIN, 'serve', '--listen', '192.0.2.1', '--port-base', '2500'], { env: { ...process.env, XDG_CACHE_HOME: join(CERT_CACHE, 'xdg') } });
    expect(r.err).toContain('relaylab serve: WARNING: listening on 192.0.2.1, not 127.0.0.1: this lab\'s mail server is a deliberately\nopen relay and is now reachable from the network.');
    expect(r.err).toContain('relaylab serve: cannot listen on 192.0.2.1: EADDRNOTAVAIL');
    expect(r.code).toBe(1);
    expect(listenWarning('127.0.0.1')).toBeUndefined();
    expect(listenWarning('0.0.0.0')).toContain('WARNING: listening on 0.0.0.0');
  });
});

describe('per-client limits', () => {
  it('refuse the connection over the limit the way anvil does, and admit again once one closes', async () => {
    const s = await serve(['--scenario', 'closed', '--seed', '1', '--client-limit', '2']);
    try {
      const a = await firstLine(s.port);
      const b = await firstLine(s.port);
      expect([a.line, b.line]).toEqual(['220 mail.corp.example ESMTP Postfix', '220 mail.corp.example ESMTP Postfix']);
      const c = await firstLine(s.port);
      expect(c.line).toBe('421 4.7.0 mail.corp.example Error: too many connections from 127.0.0.1');
      c.close();
      a.close();
      await new Promise((r) => setTimeout(r, 100));
      const d = await firstLine(s.port);
      expect(d.line).toBe('220 mail.corp.example ESMTP Postfix');
      b.close();
      d.close();
      expect(s.summary.tally.refusedByLimits).toBe(1);
    } finally {
      s.close();
    }
  });

  it('count open connections and new ones per minute, per client address', () => {
    let now = 0;
    const gate = new ClientGate({ perClient: 2, perMinute: 3 }, () => now);
    const a = gate.admit('10.1.1.1');
    const b = gate.admit('10.1.1.1');
    expect(gate.admit('10.1.1.1')).toEqual({ ok: false, why: 'concurrency' });
    expect(gate.admit('10.2.2.2').ok).toBe(true);
    if (a.ok) a.release();
    expect(gate.admit('10.1.1.1').ok).toBe(true);
    if (b.ok) b.release();
    expect(gate.admit('10.1.1.1')).toEqual({ ok: false, why: 'rate' });
    now = 60_001;
    expect(gate.admit('10.1.1.1').ok).toBe(true);
  });
});
