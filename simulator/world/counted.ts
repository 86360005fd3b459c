/**
 * Counted hours: a cheaper way to live through history nobody will read in
 * detail (lab 4's quiet week). The world plans each minute as usual — the
 * same rhythm, the same actors, the same kinds of events — but runs no SMTP
 * session and writes no log line, queue entry or firewall LOG line. Each
 * event's *outcome* is still decided by the one source of truth: the connect
 * oracle (dry, as a probe: no counters, no LOG) and the mail server's own
 * session steps on its audit view, stopped after RCPT (`envelopeOnly`). One
 * decision per kind of event per hour is asked and then multiplied; its
 * counter deltas go to `mailServer.countHistory`, so mailstats' totals, the
 * hourly metrics and the ledger (hence the blocklist and the ISP) see the
 * counted traffic exactly as they would see detailed traffic of those
 * outcomes. Not modelled while counting: queue growth (greylisting defers) and
 * the fallback to stolen passwords on 587.
 */
import { TopologyPolicy } from '../net/topology-policy.ts';
import { hostByName, type Host } from '../net/topology.ts';
import { parseSaslDb, SASLDB } from '../mail/sasl-db.ts';
import type { BulkSession } from './mail-port.ts';
import { legitCounts, type Employee } from './employees.ts';
import { poisson } from './rhythm.ts';
import { spamMessage, type SpamMessage } from './spam-content.ts';
import { botIsActive, type Bot } from './spambot.ts';
import { spammerPlan, type Spammer } from './spammer.ts';
import type { WorldCtx } from './world-context.ts';
import { listensOn } from './world-net.ts';

const HOUR = 3_600_000;

/** What one session of a kind would get: the audit view's counter deltas and the RCPT verdicts. */
type Outcome = { connected: boolean; accepted: number; connections: number; rejected: number; relayed: number; reply: string };

export class CountedTraffic {
  private hour = -1;
  private fp = '';
  private readonly cache = new Map<string, Outcome>();
  private readonly direct = new Map<string, boolean>();

  constructor(private readonly ctx: WorldCtx) {}

  /** Forget the decisions of this hour (a scenario changed the network mid-hour). */
  refresh(): void {
    this.cache.clear();
    this.direct.clear();
  }

  /** One counted minute starting at `t`: the same plan as a detailed minute, outcomes looked up. */
  minute(t: number, employees: readonly Employee[], bots: readonly Bot[], spammer: Spammer): void {
    const ctx = this.ctx;
    const h = Math.floor(t / HOUR);
    if (h !== this.hour) {
      // Decisions are kept while the network stays the same; checked once an hour (cheap), and refresh() is immediate.
      this.hour = h;
      const fp = this.fingerprint();
      if (fp !== this.fp) {
        this.fp = fp;
        this.refresh();
      }
    }
    const staff = employees.length;
    if (staff) {
      const { sends, receives } = legitCounts(ctx, staff, t);
      for (let i = 0; i < sends; i++) this.send(employees[ctx.rng.int(0, staff - 1)]!, employees);
      for (let i = 0; i < receives; i++) this.receive(employees);
    }
    for (const b of bots) {
      if (!botIsActive(ctx, b)) continue;
      const n = poisson(ctx.rng, ctx.opts.spamPerBot / 1440);
      if (n) this.bot(b, n, t);
    }
    const sessions = spammerPlan(ctx, spammer, (s) => this.ask('spam-probe', spammer.host, 25, s, 0, 1).accepted > 0);
    for (let k = 0; k < sessions; k++) this.spammerSession(spammer, t);
  }

  /** The decision for a kind of session this hour (cached), its counters applied for this one event. */
  private ask(key: string, from: Host, port: 25 | 587, s: Omit<BulkSession, 'client' | 'service'>, local: number, remote: number): Outcome {
    let o = this.cache.get(key);
    if (!o) this.cache.set(key, (o = this.decide(from, port, s)));
    this.apply(o, local, remote);
    return o;
  }

  private decide(from: Host, port: 25 | 587, s: Omit<BulkSession, 'client' | 'service'>): Outcome {
    const ctx = this.ctx;
    const none: Outcome = { connected: false, accepted: 0, connections: 0, rejected: 0, relayed: 0, reply: '' };
    const out = this.policy().outcome(from.name, ctx.mailHost.name, port, (hn, p) => listensOn(ctx.sim, hn, p), { via: 'bulk', probe: true });
    const mail = ctx.mail();
    if (out.kind !== 'accepted' || !mail) return { ...none, reply: out.kind !== 'accepted' ? out.message : 'mail server not running' };
    const view = mail.auditView();
    const r = view.runSession({ ...s, client: { ip: out.sourceIpSeen }, service: port === 587 ? 'submission' : 'smtp', envelopeOnly: true });
    const st = view.stats;
    return { connected: r.connected, accepted: r.accepted.length, connections: st.connections, rejected: st.rejected, relayed: st.relayed, reply: r.reply ?? r.rejected[0]?.reply ?? '' };
  }

  /** Counter deltas for one counted session; accepted recipients are delivered, or bounced by an MX that blocklists us. */
  private apply(o: Outcome, local: number, remote: number): void {
    const mail = this.ctx.mail();
    if (!mail || !o.connected) return;
    const acceptedLocal = Math.min(local, o.accepted);
    const acceptedRemote = o.accepted - acceptedLocal;
    const listed = this.listed();
    mail.countHistory({
      connections: o.connections,
      rejected: o.rejected,
      relayed: o.relayed,
      received: o.accepted > 0 ? 1 : 0,
      delivered: acceptedLocal + (listed ? 0 : acceptedRemote),
      bounced: listed ? acceptedRemote : 0,
    });
  }

  /** What the decisions depend on: Postfix's files and the firewall's rules. */
  private fingerprint(): string {
    const sim = this.ctx.sim;
    const fs = sim.machine(this.ctx.mailHost.name).fs;
    const fw = (['INPUT', 'FORWARD', 'OUTPUT'] as const).map((c) => { const ch = sim.firewall.chain(c); return `${ch?.policy}:${ch?.rules.length}`; }).join(',');
    return [fs.tryRead('/etc/postfix/main.cf'), fs.tryRead('/etc/postfix/master.cf'), fs.tryRead(SASLDB)?.length, sim.network.isListening(this.ctx.mailHost.name, 25), fw].join('\0');
  }

  private listed(): boolean {
    const ip = this.ctx.mailHost.publicIp;
    return !!ip && !!this.ctx.sim.dnsbl.listings[ip];
  }

  private policy(): TopologyPolicy {
    const p = this.ctx.sim.network.policy;
    if (!(p instanceof TopologyPolicy)) throw new Error('world: the network policy must be the topology policy');
    return p;
  }

  private send(e: Employee, colleagues: readonly Employee[]): void {
    const ctx = this.ctx;
    const colleague = ctx.rng.chance(0.4);
    const to = colleague ? `${ctx.rng.pick(colleagues).user}@corp.example` : 'partner@example.net';
    const message = { subject: 'counted', size: 10_000 };
    const base = { mailFrom: `${e.user}@corp.example`, rcptTo: [to], message, tag: 'legit' as const };
    ctx.ledger.legitSent++;
    let o: Outcome;
    if (e.roadWarrior) {
      const from = hostByName(ctx.sim.topology, 'outside')!;
      const pw = ctx.sim.network.isListening(ctx.mailHost.name, 587) ? this.password(e.user) : undefined;
      o = pw !== undefined
        ? this.ask(`rw587:${colleague}`, from, 587, { ...base, helo: `${e.user}-laptop`, tls: true, sasl: { username: e.user, password: pw, method: 'PLAIN' } }, colleague ? 1 : 0, colleague ? 0 : 1)
        : this.ask(`rw25:${colleague}`, from, 25, { ...base, helo: `${e.user}-laptop` }, colleague ? 1 : 0, colleague ? 0 : 1);
    } else {
      o = this.ask(`lan:${colleague}`, e.desk, 25, { ...base, helo: e.desk.name }, colleague ? 1 : 0, colleague ? 0 : 1);
    }
    if (o.accepted === 0) ctx.ledger.legitFailure({ at: ctx.sim.clock.now(), kind: 'send', from: base.mailFrom, to, reason: o.reply || 'not accepted' });
    else {
      ctx.ledger.legitAccepted++;
      // Accepted, then refused by the far MX because our server is blocklisted: lost all the same.
      if (!colleague && this.listed()) ctx.ledger.legitFailure({ at: ctx.sim.clock.now(), kind: 'send', from: base.mailFrom, to, reason: `554 5.7.1 Service unavailable; Client host [${ctx.mailHost.publicIp}] blocked using ${ctx.sim.dnsbl.zone}` });
    }
  }

  private receive(employees: readonly Employee[]): void {
    const ctx = this.ctx;
    const e = employees[ctx.rng.int(0, employees.length - 1)]!;
    const mta = hostByName(ctx.sim.topology, 'mx.example.net')!;
    const to = `${e.user}@corp.example`;
    ctx.ledger.legitSent++;
    const o = this.ask('receive', mta, 25, { helo: mta.name, mailFrom: 'news@example.net', rcptTo: [to], message: { subject: 'counted', size: 10_000 }, tag: 'legit' }, 1, 0);
    if (o.accepted > 0) ctx.ledger.legitAccepted++;
    else ctx.ledger.legitFailure({ at: ctx.sim.clock.now(), kind: 'receive', from: 'news@example.net', to, reason: o.reply || 'not accepted' });
  }

  /** A bot's minute: straight out when fw lets TCP/25 through (as detailed minutes, 3 blocked SYNs before it falls back to the relay). */
  private bot(b: Bot, n: number, t: number): void {
    const ctx = this.ctx;
    let passed = this.direct.get(b.host.name);
    if (passed === undefined) {
      const out = this.policy().outcome(b.host.name, 'mx.example.net', 25, (hn, p) => listensOn(ctx.sim, hn, p), { via: 'bulk', probe: true });
      passed = out.kind === 'accepted' || (out.kind === 'refused' && out.reason === 'no-listener');
      this.direct.set(b.host.name, passed);
    }
    ctx.ledger.spamAttempts += n;
    if (passed) {
      const nat = ctx.sim.topology.firewall.masquerade.toIp;
      for (let k = 0; k < n; k++) {
        ctx.metrics.outbound(b.host.short, true);
        this.left(nat, t, b.host.short.toUpperCase());
      }
      b.sent.direct += n;
      return;
    }
    const blocked = Math.min(n, 3);
    for (let k = 0; k < blocked; k++) ctx.metrics.outbound(b.host.short, false);
    b.sent.blocked += blocked;
    for (let k = blocked; k < n; k++) {
      const o = this.ask(`relay:${b.host.name}`, b.host, 25, { helo: b.host.short.toUpperCase(), mailFrom: 'promo@deals.example', rcptTo: ['someone@freemail.example'], message: { subject: 'counted', size: 3_000 }, tag: 'spam' }, 0, 1);
      if (o.accepted === 0) break;
      b.sent.relay++;
      this.left(ctx.mailHost.publicIp ?? ctx.mailHost.interfaces[0]!.ip, t, b.host.short.toUpperCase());
    }
  }

  private spammerSession(s: Spammer, t: number): void {
    const ctx = this.ctx;
    const n = ctx.opts.spammerRcpts;
    ctx.ledger.spamAttempts += n;
    const rcpts = Array.from({ length: n }, (_, i) => `user${i}@freemail.example`);
    const o = this.ask('spam-relay', s.host, 25, { helo: 'mail.promo-deals.example', mailFrom: 'offers@promo-deals.example', rcptTo: rcpts, message: { subject: 'counted', size: 3_000 }, tag: 'spam' }, 0, n);
    s.sessions++;
    if (o.accepted === 0) {
      s.relayOpen = false;
      s.nextProbeAt = t + 30 * 60_000;
      return;
    }
    for (let k = 0; k < o.accepted; k++) this.left(ctx.mailHost.publicIp ?? ctx.mailHost.interfaces[0]!.ip, t, 'mail.corp.example');
  }

  /** One spam message that left from `ip`: the ledger the blocklist and the ISP act on (a sample only when the ledger asks). */
  private left(ip: string, t: number, helo: string): void {
    const ctx = this.ctx;
    ctx.ledger.spamFrom(ip, t, () => {
      const m: SpamMessage = spamMessage(ctx.rng, t);
      return { at: t, from: m.from, to: m.to, subject: m.subject, messageId: m.messageId, helo, sourceIp: ip };
    });
  }

  private password(user: string): string | undefined {
    const db = this.ctx.sim.machine(this.ctx.mailHost.name).fs.tryRead(SASLDB) ?? '';
    return parseSaslDb(db).find((u) => u.user === user)?.password;
  }
}
