/**
 * Legitimate mail can still be lost after the server accepted it: a remote
 * MX refuses the company because its address is blocklisted, and the queue
 * bounces the message. The mail server has no per-message callback, so we
 * follow its mail.log incrementally (only the new lines, once a minute) for
 * the queue ids of messages we sent, and count each bounce as a loss.
 */
import type { Ledger, LegitRoute } from './ledger.ts';
import type { MailPort } from './mail-port.ts';

type Pending = { from: string; to: string; route: LegitRoute };

export class LegitTracker {
  private readonly pending = new Map<string, Pending>();
  private cursor = 0;
  delayed = 0;

  track(queueId: string, from: string, to: string, route: LegitRoute): void {
    this.pending.set(queueId, { from, to, route });
  }

  /** Read the new mail.log lines; bounced → a counted failure, removed → forget. */
  scan(mail: MailPort | undefined, ledger: Ledger, now: number): void {
    const log = mail?.log;
    if (!log) return;
    if (log.length < this.cursor) this.cursor = 0;
    if (!this.pending.size) {
      this.cursor = log.length;
      return;
    }
    for (const line of log.slice(this.cursor)) {
      const at = line.indexOf(']: ');
      if (at < 0) continue;
      const colon = line.indexOf(':', at + 3);
      const p = this.pending.get(line.slice(at + 3, colon));
      if (!p) continue;
      const bounced = line.indexOf('status=bounced', colon);
      if (bounced >= 0) {
        const why = line.slice(line.indexOf('(', bounced) + 1, -1);
        ledger.legitAccepted--;
        ledger.legitRoutes[p.route].ok.count--;
        ledger.legitFailure({ at: now, kind: 'send', from: p.from, to: p.to, reason: `bounced: ${why}`, route: p.route });
      } else if (line.includes('status=deferred', colon)) this.delayed++;
      else if (line.endsWith(': removed')) this.pending.delete(line.slice(at + 3, colon));
    }
    this.cursor = log.length;
  }
}
