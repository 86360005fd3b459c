/**
 * Per-client limits of the serve transport: open connections per client
 * address and new connections per minute. They protect the machine running a
 * workshop from one runaway script; they are not the simulated Postfix's
 * anvil (which the model does not run). A refused client hears what Postfix
 * says when anvil refuses it, and the connection closes.
 */
export type ClientLimits = { perClient: number; perMinute: number };

export const DEFAULT_LIMITS: ClientLimits = { perClient: 250, perMinute: 6000 };

export type Admission = { ok: true; release: () => void } | { ok: false; why: 'concurrency' | 'rate' };

export class ClientGate {
  private readonly open = new Map<string, number>();
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly limits: ClientLimits,
    /** Real milliseconds (injected so the tests need no clock). */
    private readonly now: () => number,
  ) {}

  admit(ip: string): Admission {
    const t = this.now();
    const window = (this.recent.get(ip) ?? []).filter((at) => t - at < 60_000);
    const n = this.open.get(ip) ?? 0;
    if (n >= this.limits.perClient) return { ok: false, why: 'concurrency' };
    if (window.length >= this.limits.perMinute) {
      this.recent.set(ip, window);
      return { ok: false, why: 'rate' };
    }
    window.push(t);
    this.recent.set(ip, window);
    this.open.set(ip, n + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.open.get(ip) ?? 1) - 1;
        if (left > 0) this.open.set(ip, left);
        else this.open.delete(ip);
      },
    };
  }
}

/** smtpd's reply when anvil refuses a client (smtpd.c), for both limits. */
export function refusal(myhostname: string, ip: string): string {
  return `421 4.7.0 ${myhostname} Error: too many connections from ${ip}\r\n`;
}
