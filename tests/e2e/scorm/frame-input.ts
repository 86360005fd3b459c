/** A lab page inside a module player's frame: type a line through its recorder, as keys are; answer a guided lab's question. */
import { expect, type Frame } from '@playwright/test';

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

/** Pick a choice of a guided lab's question and press Check answer, as a learner does. */
export async function answer(frame: Frame, stepId: string, choice: string): Promise<void> {
  const form = frame.locator(`[data-step-question="${stepId}"]`);
  await form.locator(`input[type=radio][value="${choice.replace(/"/g, '\\"')}"]`).check();
  await form.getByRole('button', { name: 'Check answer' }).click();
}

/** The right answer, and its verdict shown. */
export async function answerRight(frame: Frame, stepId: string, choice: string): Promise<void> {
  await answer(frame, stepId, choice);
  await expect(frame.locator(`[data-step="${stepId}"] [data-step-status]`)).toHaveText(/^Right/);
}

/**
 * Answer a terminal lab's question step as a learner does: a choice is picked (the one the
 * answer key names, or that begins with it: "refused" is "refused (Relay access denied)"), else
 * the text is typed; then the form is sent.
 */
export async function answerStep(frame: Frame, stepId: string, value: string): Promise<void> {
  const form = frame.locator(`[data-step="${stepId}"] [data-step-question]`);
  const radios = form.locator('input[type=radio]');
  if (await radios.count()) {
    const values = await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const pick = values.find((v) => v === value) ?? values.find((v) => v.startsWith(`${value} `));
    expect(pick, `${stepId}: "${value}" among ${values.join(' | ')}`).toBeDefined();
    await form.locator(`input[type=radio][value="${pick!.replace(/"/g, '\\"')}"]`).check();
  } else await form.locator('input').first().fill(value);
  await form.evaluate((f: HTMLFormElement) => f.requestSubmit());
}
