/**
 * What the outside world has seen of the company: spam per public address
 * (the blocklist and the ISP act on it) and the fate of legitimate mail (a
 * fix that loses it is no fix). Plain data, cheap counters on the hot path.
 */
export type SpamSample = { at: number; from: string; to: string; subject: string; messageId: string; helo: string; sourceIp: string };

export type AddressRecord = {
  /** Spam messages that reached an Internet MX (accepted or not) from this address. */
  total: number;
  /** Since the last ARF complaint about it. */
  sinceComplaint: number;
  /** Current hour window for the listing threshold. */
  windowStart: number;
  inWindow: number;
  lastAt: number;
  /** One recent message, attached to the next complaint. */
  sample?: SpamSample;
};

export type LegitFailure = { at: number; kind: 'send' | 'receive'; from: string; to: string; reason: string; route?: LegitRoute };

/** How spam left (or tried to leave) the company: the routes a lab closes one by one. */
export type SpamRoute = 'bot-direct' | 'bot-relay' | 'bot-submission' | 'outside-relay' | 'stolen-account';
export const SPAM_ROUTES: readonly SpamRoute[] = ['bot-direct', 'bot-relay', 'bot-submission', 'outside-relay', 'stolen-account'];
/** Legitimate mail by who sends it: desks in the office, road warriors outside, partners writing in. */
export type LegitRoute = 'office' | 'road-warrior' | 'inbound';
export const LEGIT_ROUTES: readonly LegitRoute[] = ['office', 'road-warrior', 'inbound'];
/** Per route: how many, and when last (virtual ms; -Infinity = never). */
export type RouteRecord = { count: number; lastAt: number };
export type LegitRouteRecord = { ok: RouteRecord; lost: RouteRecord };

const never = (): RouteRecord => ({ count: 0, lastAt: -Infinity });

export class Ledger {
  readonly spam = new Map<string, AddressRecord>();
  /** Spam that left the company network (MX contacted, or relayed by the company server). */
  spamLeft = 0;
  spamAttempts = 0;
  legitSent = 0;
  legitAccepted = 0;
  legitFailed = 0;
  /** Most recent failures, newest last, capped so a broken day cannot eat memory. */
  readonly failures: LegitFailure[] = [];
  /** Spam that left, per route (what a check reads to say which door is still open). */
  readonly spamRoutes = Object.fromEntries(SPAM_ROUTES.map((r) => [r, never()])) as Record<SpamRoute, RouteRecord>;
  /** Legitimate mail accepted and lost, per route. */
  readonly legitRoutes = Object.fromEntries(LEGIT_ROUTES.map((r) => [r, { ok: never(), lost: never() }])) as Record<LegitRoute, LegitRouteRecord>;

  spamFrom(ip: string, now: number, sample?: () => SpamSample, route?: SpamRoute): AddressRecord {
    if (route) {
      const rr = this.spamRoutes[route];
      rr.count++;
      rr.lastAt = now;
    }
    let r = this.spam.get(ip);
    if (!r) this.spam.set(ip, (r = { total: 0, sinceComplaint: 0, windowStart: now, inWindow: 0, lastAt: now }));
    if (now - r.windowStart >= 3_600_000) {
      r.windowStart = now;
      r.inWindow = 0;
    }
    r.total++;
    r.sinceComplaint++;
    r.inWindow++;
    r.lastAt = now;
    this.spamLeft++;
    // Keep the first sample of each burst: cheap, and enough for a complaint.
    if (sample && (!r.sample || r.sinceComplaint === 1)) r.sample = sample();
    return r;
  }

  /** A legitimate message accepted by the company server (or, inbound, delivered to it). */
  legitOk(route: LegitRoute, now: number): void {
    this.legitAccepted++;
    const r = this.legitRoutes[route].ok;
    r.count++;
    r.lastAt = now;
  }

  legitFailure(f: LegitFailure): void {
    this.legitFailed++;
    if (f.route) {
      const r = this.legitRoutes[f.route].lost;
      r.count++;
      r.lastAt = f.at;
    }
    this.failures.push(f);
    if (this.failures.length > 500) this.failures.splice(0, this.failures.length - 500);
  }
}
