/**
 * What the grader (and the coach beside it) reads of a simulation: the world's
 * view (WorldEnv: clock, network, hosts, mail server, event stream) plus the
 * mailboxes and the mail server's local domains. The Simulation satisfies it.
 */
import type { WorldEnv } from '../world/world-env.ts';
import type { World } from '../world/world.ts';

export interface GraderEnv extends WorldEnv {
  mailbox(user: string): string;
  /** Messages accepted so far. */
  readonly accepted: { readonly length: number };
  readonly localDomains: readonly string[];
  /** The living world, when the lab runs one (world checks read its ledger, bots and stolen passwords). */
  readonly world?: World;
}
