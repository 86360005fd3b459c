/** A lab page inside a module player's frame: type a line through its recorder, as keys are. */
import type { Frame } from '@playwright/test';

/** Type a line through the recorder, as keys are, then wait for the command and its grading. */
export async function runInFrame(frame: Frame, line: string): Promise<void> {
  await frame.evaluate(async (l) => {
    const w = window as unknown as { relayLab: { session: { whenReady(o?: { patient?: boolean }): Promise<void>; input(d: string): void } }; relayLabRunner: { settled(): Promise<void> } };
    await w.relayLab.session.whenReady({ patient: false });
    w.relayLab.session.input(l + '\r');
    await new Promise((r) => setTimeout(r, 0));
    await w.relayLabRunner.settled();
  }, line);
}
