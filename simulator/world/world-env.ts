/**
 * What the living world needs from the simulation: the mail server's network
 * (MailEnv) plus the mail server itself. The Simulation satisfies it; world/
 * never imports simulation.ts, which builds the world.
 */
import type { MailEnv } from '../mail/mail-env.ts';
import type { MailServer } from '../mail/mail-server.ts';

export interface WorldEnv extends MailEnv {
  readonly mailServer: MailServer;
}
