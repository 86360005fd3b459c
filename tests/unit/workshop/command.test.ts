/**
 * `relaylab workshop` start-up: loopback says so; an address open to the room
 * gets a warning and the addresses to give the room (computed here from a
 * made-up interface list: tests bind loopback only).
 */
import { describe, expect, it, vi } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { roomAddresses, startupLines, workshopCommand } from '../../../cli/workshop/command.ts';

const base = { url: 'http://127.0.0.1:4321', port: 4321, joinCode: 'ABC-DEF', trainerKey: 'k3y', where: 'SQLite file x.db' };
const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;

describe('relaylab workshop start-up', () => {
  it('on loopback: no warning, the join page and the trainer link', () => {
    const { out, err } = startupLines({ ...base, host: '127.0.0.1', addresses: ['127.0.0.1'] });
    expect(err).toEqual([]);
    expect(out).toContain('Join code: ABC-DEF');
    expect(out.some((l) => l.startsWith('Attendees: http://127.0.0.1:4321/workshop/join/ — loopback only'))).toBe(true);
    expect(out.at(-1)).toBe('Trainer view (keep this link to yourself): http://127.0.0.1:4321/workshop/trainer/?key=k3y');
  });

  it('with --listen 0.0.0.0: a warning, and every address of the machine to give the room', () => {
    const addresses = roomAddresses('0.0.0.0', { lo: [iface('127.0.0.1', 'IPv4', true)], eth0: [iface('192.168.10.5', 'IPv4'), iface('fe80::1', 'IPv6')], wlan0: [iface('10.0.7.2', 'IPv4')] });
    expect(addresses).toEqual(['192.168.10.5', '10.0.7.2']);
    const { out, err } = startupLines({ ...base, url: 'http://0.0.0.0:4321', host: '0.0.0.0', addresses });
    expect(err[0]).toMatch(/^Warning: listening on 0\.0\.0\.0: every machine that can reach this one/);
    expect(out.filter((l) => l.startsWith('Give the room'))).toEqual([
      'Give the room: http://192.168.10.5:4321/workshop/join/  (join code ABC-DEF)',
      'Give the room: http://10.0.7.2:4321/workshop/join/  (join code ABC-DEF)',
    ]);
  });

  it('refuses a bad port and a missing site, saying why', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await workshopCommand(['--port', 'lots'])).toBe(2);
      expect(await workshopCommand(['--port', '0', '--site', '/nonexistent/relaylab-dist'])).toBe(1);
      expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/the built site is missing .*run `npm run build` first/);
    } finally {
      err.mockRestore();
    }
  });
});
