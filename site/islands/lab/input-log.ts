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

export type ReplayOptions = {
  /** Called between slices with the number of chunks replayed so far. */
  onSlice?(done: number): void;
  /**
   * Longest stretch of replay between yields to the page, in ms (default 40: under the 50 ms a
   * task may take before it counts as long; each yield costs a frame while the page is loading).
   */
  sliceMs?: number;
};

/**
 * Replay as fast as the engine goes: no timer per key (a browser clamps
 * nested setTimeout(0) to 4 ms, which made a 2,000-command restore take
 * seconds of pure waiting), only waiting where the original waited for
 * readiness. Every `sliceMs` the replay yields to the page (a MessageChannel
 * task, not clamped), so no task blocks input, painting or the xterm writer
 * for long. Same keys, same order, same readiness: the same terminal and state.
 */
export async function replayInput(session: ShellSession, sim: Simulation, log: readonly InputChunk[], opts: ReplayOptions = {}): Promise<void> {
  const sliceMs = opts.sliceMs ?? 40;
  const patience = new GiveUp();
  try {
    await replayChunks(session, sim, log, sliceMs, patience, opts.onSlice);
    // Where the learner left it; a program still waiting (a reply that never came) is left waiting, as it was.
    await patience.ready(session, false);
  } finally {
    patience.stop();
  }
}

async function replayChunks(session: ShellSession, sim: Simulation, log: readonly InputChunk[], sliceMs: number, patience: GiveUp, onSlice?: (done: number) => void): Promise<void> {
  let sliceStart = performance.now();
  for (const [i, chunk] of log.entries()) {
    if (chunk.w) await patience.ready(session);
    const behind = (chunk.t ?? 0) - sim.clock.now();
    if (sim.world && behind > 0) sim.world.advance(behind);
    session.input(chunk.d);
    // Let a command the keys started take its first (microtask) steps before the next chunk asks whether it is ready.
    await Promise.resolve();
    if (performance.now() - sliceStart >= sliceMs) {
      onSlice?.(i + 1);
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
}

/** Real time a replayed key may wait for readiness before the replay falls back to patience. */
const GIVE_UP_MS = 5000;

/**
 * The learner waited for each key in real time, so the replay does too: no
 * simulated patience (it would move the clock where the original did not). A
 * key that never becomes ready (a run that diverged) falls back to the
 * patient wait after GIVE_UP_MS, so a replay cannot hang. One watchdog timer
 * serves the whole replay: a timer armed and cleared per waited key cost more
 * than the wait itself in a 2,000-command restore.
 */
class GiveUp {
  private waiting: { since: number; late: () => void } | undefined;
  private readonly timer = setInterval(() => {
    const w = this.waiting;
    if (w && performance.now() - w.since >= GIVE_UP_MS) w.late();
  }, GIVE_UP_MS / 5);

  async ready(session: ShellSession, fallBackToPatience = true): Promise<void> {
    if (session.isReady()) return;
    const r = await new Promise<'ready' | 'late'>((resolve) => {
      this.waiting = { since: performance.now(), late: () => resolve('late') };
      void session.whenReady({ patient: false }).then(() => resolve('ready'));
    });
    this.waiting = undefined;
    if (r === 'late' && fallBackToPatience) await session.whenReady();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** A macrotask without setTimeout's clamping: lets the page handle input and paint between slices. */
function yieldToPage(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
