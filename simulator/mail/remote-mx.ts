/**
 * The rest of the Internet's mail servers, as the mail host's smtp(8) client
 * meets them. Reachability comes from the one connect() oracle (DNS, NAT,
 * fw's chains); the MX itself then accepts, greylists (defer), or rejects a
 * sender whose public address is on the DNSBL — which is how an open relay
 * ends up unable to send its own company's mail. Never touches a real network.
 */
import { FW_HOST } from '../net/corp-hosts.ts';
import { connect } from '../net/connect-outcome.ts';
import { resolveA, resolveMx } from '../net/dns.ts';
import { dnsblLookup } from '../net/dnsbl.ts';
import { hostByName, type Host } from '../net/topology.ts';
import type { MailEnv } from './mail-env.ts';
import type { SeededRandom } from '../core/rng.ts';

export type RemoteAttempt = { status: 'sent' | 'deferred' | 'bounced'; relay: string; dsn: string; detail: string };

/** MX hosts that greylist: the first attempt of a new (client, sender, recipient) triple waits. */
const GREYLISTING = /freemail/;
const GREYLIST_MS = 300_000;

function said(exchange: string, ip: string, reply: string, cmd: string): string {
  return `host ${exchange}[${ip}] said: ${reply} (in reply to ${cmd} command)`;
}

export type Connected = { kind: 'accepted'; server: string; sourceIp: string } | { kind: 'failed'; why: string };

export class RemoteMxModel {
  /** greylist triple → first seen (virtual ms). */
  private readonly greylist = new Map<string, number>();

  constructor(
    private readonly sim: MailEnv,
    private readonly fromHost: string,
    private readonly rng: SeededRandom,
  ) {}

  /** MX name and address per domain: the topology's DNS does not change during a run. */
  private readonly mxCache = new Map<string, { exchange: string; ip: string } | undefined>();

  /** `[name]` is looked up as a host (no MX), like a bracketed relayhost or transport nexthop. */
  private lookup(domain: string): { exchange: string; ip: string } | undefined {
    if (this.mxCache.has(domain)) return this.mxCache.get(domain);
    const t = this.sim.topology;
    const from = hostByName(t, this.fromHost)!;
    const bracket = /^\[(.*)\]$/.exec(domain)?.[1];
    const mx = bracket !== undefined ? [{ exchange: bracket }] : resolveMx(t, domain, 'internal');
    const exchange = mx[0]?.exchange ?? (resolveA(t, domain, from) ? domain : undefined);
    const hit = exchange ? { exchange, ip: resolveA(t, exchange, from) ?? '0.0.0.0' } : undefined;
    this.mxCache.set(domain, hit);
    return hit;
  }

  /**
   * One recipient. `connections` is the queue run's connection cache: like
   * Postfix's smtp connection cache, recipients for the same destination in
   * one run share one TCP connection (one connect() through fw).
   */
  deliver(domain: string, sender: string, rcpt: string, connections = new Map<string, Connected>(), nexthop = domain): RemoteAttempt {
    const dest = this.lookup(nexthop);
    if (!dest) {
      const name = nexthop.replace(/^\[(.*)\]$/, '$1');
      return { status: 'bounced', relay: 'none', dsn: '5.4.4', detail: `Host or domain name not found. Name service error for name=${name} type=A: Host not found` };
    }
    const { exchange, ip } = dest;
    let outcome = connections.get(exchange);
    if (!outcome) {
      outcome = this.open(exchange);
      connections.set(exchange, outcome);
    }
    if (outcome.kind !== 'accepted') {
      return { status: 'deferred', relay: 'none', dsn: '4.4.1', detail: `connect to ${exchange}[${ip}]:25: ${outcome.why}` };
    }
    const relay = `${exchange}[${ip}]:25`;
    if (outcome.server === this.fromHost) {
      return { status: 'bounced', relay, dsn: '5.4.6', detail: `mail for ${domain} loops back to myself` };
    }
    const src = outcome.sourceIp;
    if (dnsblLookup(this.sim.dnsbl, src)) {
      const reply = `554 5.7.1 Service unavailable; Client host [${src}] blocked using ${this.sim.dnsbl.zone}`;
      return { status: 'bounced', relay, dsn: '5.7.1', detail: said(exchange, ip, reply, 'RCPT TO') };
    }
    if (GREYLISTING.test(exchange)) {
      const key = `${src}|${sender}|${rcpt}`;
      const first = this.greylist.get(key);
      const now = this.sim.clock.now();
      if (first === undefined) this.greylist.set(key, now);
      if (first === undefined || now - first < GREYLIST_MS) {
        const reply = `450 4.2.0 <${rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${domain}.html`;
        return { status: 'deferred', relay, dsn: '4.2.0', detail: said(exchange, ip, reply, 'RCPT TO') };
      }
    }
    return { status: 'sent', relay, dsn: '2.0.0', detail: `250 2.0.0 Ok: queued as ${this.rng.hex(11)}` };
  }

  private readonly listening = (h: Host, p: number): boolean => (p === 25 && (h.role === 'mx' || h.role === 'isp')) || this.sim.network.isListening(h.name, p);
  private readonly onFwLog = (render: () => string): void => this.sim.machine(FW_HOST).fs.appendDeferred('/var/log/firewall.log', () => render() + '\n');

  /** The TCP connection to an MX, through the one connect() oracle (DNS, NAT, fw chains and LOG rules). */
  private open(exchange: string): Connected {
    const from = hostByName(this.sim.topology, this.fromHost)!;
    const outcome = connect(
      {
        topology: this.sim.topology,
        firewall: this.sim.firewall,
        listening: this.listening,
        now: this.sim.clock.now(),
        rng: this.sim.rng,
        onLogDeferred: this.onFwLog,
      },
      { from, to: exchange, port: 25 },
    );
    if (outcome.kind === 'accepted') return { kind: 'accepted', server: outcome.server.name, sourceIp: outcome.sourceIpSeen };
    return { kind: 'failed', why: outcome.kind === 'unknown-host' ? 'Host not found' : outcome.message };
  }
}
