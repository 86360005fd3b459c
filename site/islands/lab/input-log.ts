/**
 * Recording and replaying what the learner typed. Keys are stored with
 * whether the terminal was ready for them; replay waits for readiness before
 * such keys (the SMTP server drops clients that talk too soon), and feeds
 * typeahead at once, exactly as it happened.
 */
import type { ShellSession } from '../../../simulator/shell/session.ts';
import type { InputChunk } from './progress-store.ts';

export function recordInput(session: ShellSession, onChunk: (chunk: InputChunk) => void): void {
  const original = session.input.bind(session);
  session.input = (data: string) => {
    onChunk({ d: data, w: session.isReady() });
    original(data);
  };
}

export async function replayInput(session: ShellSession, log: readonly InputChunk[]): Promise<void> {
  for (const chunk of log) {
    if (chunk.w) await session.whenReady();
    session.input(chunk.d);
    // Let the engine start the command (async) before the next chunk asks whether it is ready.
    await new Promise((r) => setTimeout(r, 0));
  }
  await session.whenReady();
}
