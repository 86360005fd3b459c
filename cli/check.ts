/**
 * `relaylab check --lab ID [--seed N] [--answer STEP=TEXT]...`: type the
 * command lines from stdin into a fresh attempt (same engine as the browser),
 * then print each step's verdict under the one grading rule (the lab page's):
 * exit 0 only when every step passes on the final state.
 */
import { createInterface } from 'node:readline';
import { runAttempt } from '../simulator/labs/attempt.ts';
import { attemptSeed } from '../simulator/labs/scenario.ts';
import { transcriptText } from './transcript.ts';
import { loadLab } from './lab-files.ts';
import { parseArgs } from 'node:util';
import { say } from '../simulator/coach/messages.ts';
import type { Lab } from '../simulator/labs/schema.ts';
import type { LabVerdict } from '../simulator/grader/lab-progress.ts';
import type { Mistake } from '../simulator/coach/coach.ts';

export async function checkCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      options: { lab: { type: 'string' }, seed: { type: 'string' }, answer: { type: 'string', multiple: true }, transcript: { type: 'boolean' } },
    }).values;
    if (!parsed.lab) throw new Error('--lab ID is required');
  } catch (err) {
    process.stderr.write(`relaylab check: ${(err as Error).message}\nusage: relaylab check --lab ID [--seed N] [--answer STEP=TEXT]... < commands.txt\n       relaylab check --attach [--lab ID] [--answer STEP=TEXT]... [< commands.txt]\n`);
    return 2;
  }
  let lab;
  try {
    lab = loadLab(parsed.lab);
  } catch (err) {
    process.stderr.write(`relaylab check: ${(err as Error).message}\n`);
    return 2;
  }
  const seedText = parsed.seed;
  const requested = seedText === undefined ? undefined : Number(seedText);
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 0 || requested > 0xffffffff)) {
    process.stderr.write(`relaylab check: --seed must be a whole number from 0 to 4294967295, not '${seedText}'\n`);
    return 2;
  }
  const answers = parseAnswers(parsed.answer);
  if (!answers) return 2;
  const lines: string[] = [];
  if (!process.stdin.isTTY) for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) lines.push(line);

  const seed = attemptSeed(lab, requested, () => Math.floor(Math.random() * 2 ** 31));
  const result = await runAttempt(lab, seed, lines, answers);
  if (parsed.transcript) process.stdout.write(transcriptText(result.transcript) + '\n');
  process.stdout.write(verdictLines(lab, seed, result.progress, result.mistakes));
  // smtp-server keeps real timers; leave promptly once the verdict is printed.
  return result.progress.complete ? 0 : 1;
}

function parseAnswers(list: readonly string[] | undefined): Record<string, string> | undefined {
  const answers: Record<string, string> = {};
  for (const a of list ?? []) {
    const eq = a.indexOf('=');
    if (eq < 1) {
      process.stderr.write(`relaylab check: --answer takes STEP=TEXT, not '${a}'\n`);
      return undefined;
    }
    answers[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return answers;
}

/** The verdict report (also `check --attach`'s, from the serve process). */
export function verdictLines(lab: Lab, seed: number, progress: LabVerdict, mistakes: readonly Mistake[]): string {
  // The one grading rule (grader/lab-progress.ts): every step is judged on the final state.
  const { steps, passed, total } = progress;
  let out = `${lab.title} (lab ${lab.id}, seed ${seed})\n`;
  steps.forEach((v, i) => (out += `${v.pass ? 'PASS' : 'FAIL'}  ${i + 1}. ${v.title}: ${v.reason}\n`));
  out += `${passed} of ${total} steps passed.\n`;
  if (mistakes.length) out += `${say('check-heading')}\n${mistakes.map((m) => `  - ${m.text}\n`).join('')}`;
  return out;
}
