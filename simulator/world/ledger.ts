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

export type LegitFailure = { at: number; kind: 'send' | 'receive'; from: string; to: string; reason: string };

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

  spamFrom(ip: string, now: number, sample?: () => SpamSample): AddressRecord {
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

  legitFailure(f: LegitFailure): void {
    this.legitFailed++;
    this.failures.push(f);
    if (this.failures.length > 500) this.failures.splice(0, this.failures.length - 500);
  }
}
