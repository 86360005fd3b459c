import { describe, expect, it } from 'vitest';
import { dnsblCodes, query, resolveA, resolveMx, resolvePtr } from '../../../simulator/net/dns.ts';
import { dig, host, type DnsToolContext } from '../../../simulator/net/dns-tools.ts';
import { createDnsbl, delistIp, listIp } from '../../../simulator/net/dnsbl.ts';
import { buildDefaultTopology, hostByName } from '../../../simulator/net/topology.ts';

const t = buildDefaultTopology({ seed: 1 });
const ops = hostByName(t, 'ops')!;
const outside = hostByName(t, 'outside')!;
const NOW = Date.UTC(2026, 2, 3, 9, 14, 2);
const ctx = (from = ops, dnsbl = createDnsbl()): DnsToolContext => ({ topology: t, dnsbl, from, now: NOW });

describe('resolver', () => {
  it('answers A with split horizon and MX for mail domains', () => {
    expect(resolveA(t, 'mail', ops)).toBe('10.0.0.25');
    expect(resolveA(t, 'mail.corp.example', outside)).toBe('203.0.113.25');
    expect(resolveA(t, 'mail', outside)).toBeUndefined();
    expect(resolveA(t, 'ws03.corp.example', outside)).toBeUndefined();
    expect(resolveMx(t, 'corp.example')).toEqual([{ preference: 10, exchange: 'mail.corp.example' }]);
    expect(resolveMx(t, 'bigmail.example')[0]!.exchange).toBe('mx.bigmail.example');
    expect(query(t, 'nosuch.example', 'A', { view: 'internal' }).rcode).toBe('NXDOMAIN');
    expect(query(t, 'corp.example', 'A', { view: 'internal' })).toMatchObject({ rcode: 'NOERROR', answer: [] });
  });

  it('has PTRs for every host; LAN names only from inside', () => {
    for (const h of t.hosts) {
      const ip = h.publicIp ?? h.interfaces[0]!.ip;
      expect(resolvePtr(t, ip, 'internal')).toBe(h.name);
    }
    expect(resolvePtr(t, '10.0.0.117', 'internal')).toBe('ws17.corp.example');
    expect(resolvePtr(t, '10.0.0.117', 'external')).toBeUndefined();
    expect(resolvePtr(t, '203.0.113.25', outside)).toBe('mail.corp.example');
  });

  it('answers the DNSBL zone from mutable listing state', () => {
    const bl = createDnsbl();
    expect(dnsblCodes(t, '203.0.113.10', { view: 'internal', dnsbl: bl })).toEqual([]);
    listIp(bl, '203.0.113.10', 'XBL', { now: NOW, reason: 'spambot on ws17' });
    listIp(bl, '203.0.113.10', 'PBL', { now: NOW + 1, reason: 'later' });
    expect(dnsblCodes(t, '203.0.113.10', { view: 'internal', dnsbl: bl })).toEqual(['127.0.0.4', '127.0.0.10']);
    expect(bl.listings['203.0.113.10']).toMatchObject({ listedAt: NOW, reason: 'spambot on ws17' });
    expect(JSON.parse(JSON.stringify(bl))).toEqual(bl);
    expect(delistIp(bl, '203.0.113.10', 'XBL')).toBe(true);
    expect(dnsblCodes(t, '203.0.113.10', { view: 'internal', dnsbl: bl })).toEqual(['127.0.0.10']);
    delistIp(bl, '203.0.113.10');
    expect(dnsblCodes(t, '203.0.113.10', { view: 'internal', dnsbl: bl })).toEqual([]);
    // RFC 5782 test entry, and the open-resolver refusal code.
    expect(dnsblCodes(t, '127.0.0.2', { view: 'internal', dnsbl: bl })).toContain('127.0.0.2');
    expect(dnsblCodes(t, '192.0.2.50', { view: 'external', dnsbl: bl, openResolver: true })).toEqual(['127.255.255.254']);
  });
});

describe('dig', () => {
  it('prints the full default output', () => {
    const r = dig(ctx(), ['mail.corp.example']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe('; <<>> DiG 9.18.33-1~deb12u2-Debian <<>> mail.corp.example');
    expect(r.stdout).toMatch(/;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+\n;; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n/);
    expect(r.stdout).toContain(';; QUESTION SECTION:\n;mail.corp.example.\t\tIN\tA\n\n;; ANSWER SECTION:\nmail.corp.example.\t300\tIN\tA\t10.0.0.25\n\n');
    expect(r.stdout).toContain(';; SERVER: 10.0.0.53#53(10.0.0.53) (UDP)\n;; WHEN: Tue Mar 03 09:14:02 UTC 2026\n;; MSG SIZE  rcvd: ');
    expect(r.stdout.endsWith('\n\n')).toBe(true);
    expect(dig(ctx(), ['mail.corp.example']).stdout).toBe(r.stdout);
  });

  it('shows NXDOMAIN with an authority section', () => {
    const r = dig(ctx(), ['foo.example']);
    expect(r.stdout).toContain('status: NXDOMAIN');
    expect(r.stdout).toContain('ANSWER: 0, AUTHORITY: 1');
    expect(r.stdout).toContain(';; AUTHORITY SECTION:\n');
  });

  it('supports +short, MX, -x and @server', () => {
    expect(dig(ctx(), ['+short', 'MX', 'corp.example']).stdout).toBe('10 mail.corp.example.\n');
    expect(dig(ctx(), ['corp.example', 'MX', '+short']).stdout).toBe('10 mail.corp.example.\n');
    expect(dig(ctx(), ['-x', '203.0.113.25', '+short']).stdout).toBe('mail.corp.example.\n');
    expect(dig(ctx(), ['-x', '203.0.113.25']).stdout).toContain('25.113.0.203.in-addr.arpa.\t3600\tIN\tPTR\tmail.corp.example.\n');
    expect(dig(ctx(outside), ['+short', 'mail.corp.example']).stdout).toBe('203.0.113.25\n');
    expect(dig(ctx(outside), ['+short', 'foo.example']).stdout).toBe('');
    const far = dig(ctx(outside), ['@10.0.0.53', 'mail.corp.example']);
    expect(far.exitCode).toBe(9);
    expect(far.stdout).toContain(';; no servers could be reached');
  });

  it('queries the DNSBL zone', () => {
    const bl = createDnsbl();
    listIp(bl, '203.0.113.10', 'XBL', { now: NOW, reason: 'bot' });
    expect(dig(ctx(ops, bl), ['+short', '10.113.0.203.zen.dnsbl.example']).stdout).toBe('127.0.0.4\n');
    expect(dig(ctx(ops, bl), ['+short', '25.113.0.203.zen.dnsbl.example']).stdout).toBe('');
    expect(dig(ctx(ops, bl), ['25.113.0.203.zen.dnsbl.example']).stdout).toContain('status: NXDOMAIN');
  });
});

describe('host', () => {
  it('prints the bind9-host forms', () => {
    expect(host(ctx(outside), ['mail.corp.example'])).toEqual({ stdout: 'mail.corp.example has address 203.0.113.25\n', stderr: '', exitCode: 0 });
    expect(host(ctx(), ['mail']).stdout).toBe('mail.corp.example has address 10.0.0.25\n');
    expect(host(ctx(), ['corp.example']).stdout).toBe('corp.example mail is handled by 10 mail.corp.example.\n');
    expect(host(ctx(), ['foo.example'])).toEqual({ stdout: 'Host foo.example not found: 3(NXDOMAIN)\n', stderr: '', exitCode: 1 });
    expect(host(ctx(), ['203.0.113.25']).stdout).toBe('25.113.0.203.in-addr.arpa domain name pointer mail.corp.example.\n');
    expect(host(ctx(outside), ['10.0.0.117'])).toMatchObject({ stdout: 'Host 117.0.0.10.in-addr.arpa. not found: 3(NXDOMAIN)\n', exitCode: 1 });
    expect(host(ctx(), ['-t', 'MX', 'example.net']).stdout).toBe('example.net mail is handled by 10 mx.example.net.\n');
  });
});
