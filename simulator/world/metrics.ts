/**
 * Per-virtual-hour metrics: the mail server's counters (as deltas of its
 * cumulative stats), the queue length at the end of the hour, and outbound
 * TCP/25 connections per source host counted from connect-oracle results
 * (never by parsing logs). JSON-able for charts.
 */
import type { Ledger } from './ledger.ts';

export type HourMetrics = {
  /** Start of the hour, ms since epoch (virtual). */
  start: number;
  /** Deltas of the mail server's numeric counters over the hour. */
  mail: Record<string, number>;
  /** Mail server queue length at the end of the hour, when the server reports it. */
  queue?: number;
  /** Outbound SYNs to TCP/25 on the Internet, per corp source host (short name). */
  outbound25: Record<string, number>;
  /** Of those, connections that were established (the firewall let them through). */
  outbound25Open: Record<string, number>;
  spamAttempts: number;
  spamLeft: number;
  legitSent: number;
  legitFailed: number;
};

export type MetricsExport = { hours: HourMetrics[]; current: HourMetrics; totals: { outbound25: Record<string, number>; outbound25Open: Record<string, number> } };

const HOUR = 3_600_000;

function bucket(start: number): HourMetrics {
  return { start, mail: {}, outbound25: {}, outbound25Open: {}, spamAttempts: 0, spamLeft: 0, legitSent: 0, legitFailed: 0 };
}

export class Metrics {
  readonly hours: HourMetrics[] = [];
  current: HourMetrics;
  readonly outbound25: Record<string, number> = {};
  readonly outbound25Open: Record<string, number> = {};
  private lastMail: Record<string, number>;
  private ledgerMark = { spamAttempts: 0, spamLeft: 0, legitSent: 0, legitFailed: 0 };

  constructor(now: number, mailNow: Record<string, number>) {
    this.current = bucket(Math.floor(now / HOUR) * HOUR);
    this.lastMail = mailNow;
  }

  /** Hot path: one outbound SYN to port 25 from a corp host. */
  outbound(sourceShort: string, open: boolean): void {
    const c = this.current;
    c.outbound25[sourceShort] = (c.outbound25[sourceShort] ?? 0) + 1;
    this.outbound25[sourceShort] = (this.outbound25[sourceShort] ?? 0) + 1;
    if (open) {
      c.outbound25Open[sourceShort] = (c.outbound25Open[sourceShort] ?? 0) + 1;
      this.outbound25Open[sourceShort] = (this.outbound25Open[sourceShort] ?? 0) + 1;
    }
  }

  /** Close the current hour (called on the hour): mail deltas, queue, ledger deltas. */
  closeHour(mailNow: Record<string, number>, ledger: Ledger): void {
    const c = this.current;
    for (const [k, v] of Object.entries(mailNow)) {
      if (k.startsWith('queue')) continue;
      const d = v - (this.lastMail[k] ?? 0);
      if (d) c.mail[k] = d;
    }
    const q = mailNow['queue'] ?? mailNow['queueLength'] ?? mailNow['queue.length'];
    if (q !== undefined) c.queue = q;
    this.lastMail = mailNow;
    const m = this.ledgerMark;
    c.spamAttempts = ledger.spamAttempts - m.spamAttempts;
    c.spamLeft = ledger.spamLeft - m.spamLeft;
    c.legitSent = ledger.legitSent - m.legitSent;
    c.legitFailed = ledger.legitFailed - m.legitFailed;
    this.ledgerMark = { spamAttempts: ledger.spamAttempts, spamLeft: ledger.spamLeft, legitSent: ledger.legitSent, legitFailed: ledger.legitFailed };
    this.hours.push(c);
    this.current = bucket(c.start + HOUR);
  }

  toJSON(): MetricsExport {
    return structuredClone({ hours: this.hours, current: this.current, totals: { outbound25: this.outbound25, outbound25Open: this.outbound25Open } });
  }
}
