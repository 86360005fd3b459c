/**
 * Recording and replaying what the learner typed. Keys are stored with
 * whether the terminal was ready for them; replay waits for readiness before
 * such keys (the SMTP server drops clients that talk too soon), and feeds
 * typeahead at once, exactly as it happened. Each chunk also carries the
 * virtual time it was typed at: when the lab's world runs in the background,
 * replay advances the clock to that time first (never backwards), so the
 * rebuilt network matches the one the learner left.
 */
import type { ShellSession } from '../../../simulator/shell/session.ts';
import type { Simulation } from '../../../simulator/simulation.ts';
import type { InputChunk } from './progress-store.ts';

export function recordInput(session: ShellSession, sim: Simulation, onChunk: (chunk: InputChunk) => void): void {
  const original = session.input.bind(session);
  session.input = (data: string) => {
    onChunk({ d: data, w: session.isReady(), t: sim.clock.now() });
    original(data);
  };
}

export async function replayInput(session: ShellSession, sim: Simulation, log: readonly InputChunk[]): Promise<void> {
  for (const chunk of log) {
    if (chunk.w) await session.whenReady();
    const behind = (chunk.t ?? 0) - sim.clock.now();
    if (sim.world && behind > 0) sim.world.advance(behind);
    session.input(chunk.d);
    // Let the engine start the command (async) before the next chunk asks whether it is ready.
    await new Promise((r) => setTimeout(r, 0));
  }
  await session.whenReady();
}
