/**
 * What real clients did while `relaylab serve` ran, for the summary printed
 * on Ctrl-C: connections, smtpd sessions, and relay attempts — RCPTs for a
 * destination this server does not deliver itself (the policy core's own
 * address resolution decides which), accepted or refused. Read from the
 * simulation's event stream, real clients' sessions only (the living world's
 * and the grader's traffic are not counted).
 */
import type { NetEvent } from '../../simulator/core/events.ts';
import { parsePath, resolveAddress, resolveContext } from '../../simulator/postfix/index.ts';
import type { Simulation } from '../../simulator/simulation.ts';
import { REAL_CLIENT_PROGRAM } from './bridge.ts';
import { t } from '../../simulator/i18n/t.ts';

export type ServeTally = {
  connections: number;
  refusedByLimits: number;
  sessions: number;
  relayAccepted: number;
  relayRefused: number;
  messages: number;
};

export class ServeSummary {
  readonly tally: ServeTally = { connections: 0, refusedByLimits: 0, sessions: 0, relayAccepted: 0, relayRefused: 0, messages: 0 };
  private readonly seen = new Set<number>();
  private readonly off: () => void;

  constructor(private readonly sim: Simulation) {
    this.off = sim.events.subscribe((e) => this.observe(e));
  }

  private observe(e: NetEvent): void {
    if (e.type !== 'smtp' || e.program !== REAL_CLIENT_PROGRAM || e.probe) return;
    if (!this.seen.has(e.session)) {
      this.seen.add(e.session);
      this.tally.sessions++;
    }
    if (e.command === 'DATA' && /^250 /.test(e.reply)) this.tally.messages++;
    if (e.command !== 'RCPT') return;
    if (/Relay access denied/.test(e.reply)) this.tally.relayRefused++;
    else if (/^25[01] /.test(e.reply) && this.isRelay(e.service, e.argument)) this.tally.relayAccepted++;
  }

  /** A recipient the running service would not deliver locally (relay_domains included, as Postfix counts a relay). */
  private isRelay(service: string, argument: string): boolean {
    const mail = this.sim.mailServer;
    const config = mail.services.get(service)?.config ?? mail.mainConfig();
    const p = parsePath(argument.replace(/^TO:/i, ''), 'recipient');
    if (!p.ok) return false;
    const cls = resolveAddress(p.address, resolveContext(config)).cls;
    return cls === 'relay' || cls === 'default';
  }

  text(): string {
    const n = this.tally;
    return [
      t('cli.serve.summary-connections', { n: n.connections, refused: n.refusedByLimits ? t('cli.serve.summary-refused', { n: n.refusedByLimits }) : '' }),
      t('cli.serve.summary-sessions', { sessions: n.sessions, messages: n.messages }),
      t('cli.serve.summary-relay', { accepted: n.relayAccepted, refused: n.relayRefused }),
    ].join('\n');
  }

  dispose(): void {
    this.off();
  }
}
