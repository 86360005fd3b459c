/**
 * The shell tells the event stream what it showed the learner (a `look`
 * event), so answer checks can ask "did they look at ws07's processes?"
 * without reading the typed text. Free while nobody listens.
 */
import type { LookKind } from '../core/events.ts';
import type { CommandContext } from './command-spec.ts';

export function look(ctx: Pick<CommandContext, 'sim' | 'machine'>, what: LookKind, path?: string): void {
  const ev = ctx.sim.events;
  if (ev.active) ev.emit({ type: 'look', at: ctx.sim.clock.now(), host: ctx.machine.host.name, what, path });
}
