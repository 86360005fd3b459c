/**
 * `relaylab check --lab ID [--seed N] [--answer STEP=TEXT]... [--hints N]`: type the
 * command lines from stdin into a fresh attempt (same engine as the browser),
 * then print each step's verdict under the one grading rule (the lab page's):
 * exit 0 only when every step passes on the final state. A scored drill also
 * prints its score breakdown (`--hints N`: hints the learner was shown).
 */
import { createInterface } from 'node:readline';
import { runAttempt } from '../simulator/labs/attempt.ts';
import { attemptSeed } from '../simulator/labs/scenario.ts';
import { transcriptText } from './transcript.ts';
import { loadLab } from './lab-files.ts';
import { parseArgs } from 'node:util';
import { say } from '../simulator/coach/messages.ts';
import { formatScore, scoreAttempt } from '../simulator/grader/score.ts';

export async function checkCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      options: { lab: { type: 'string' }, seed: { type: 'string' }, answer: { type: 'string', multiple: true }, transcript: { type: 'boolean' }, hints: { type: 'string' } },
    }).values;
    if (!parsed.lab) throw new Error('--lab ID is required');
  } catch (err) {
    process.stderr.write(`relaylab check: ${(err as Error).message}\nusage: relaylab check --lab ID [--seed N] [--answer STEP=TEXT]... [--hints N] < commands.txt\n`);
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
  const answers: Record<string, string> = {};
  for (const a of parsed.answer ?? []) {
    const eq = a.indexOf('=');
    if (eq < 1) {
      process.stderr.write(`relaylab check: --answer takes STEP=TEXT, not '${a}'\n`);
      return 2;
    }
    answers[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const hints = parsed.hints === undefined ? 0 : Number(parsed.hints);
  if (!Number.isInteger(hints) || hints < 0) {
    process.stderr.write(`relaylab check: --hints takes the number of hints shown, not '${parsed.hints}'\n`);
    return 2;
  }
  const lines: string[] = [];
  if (!process.stdin.isTTY) for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) lines.push(line);

  const seed = attemptSeed(lab, requested, () => Math.floor(Math.random() * 2 ** 31));
  const result = await runAttempt(lab, seed, lines, answers);
  if (parsed.transcript) process.stdout.write(transcriptText(result.transcript) + '\n');
  process.stdout.write(`${lab.title} (lab ${lab.id}, seed ${seed})\n`);
  // The one grading rule (grader/lab-progress.ts): every step is judged on the final state.
  const { steps, passed, total, complete } = result.progress;
  steps.forEach((v, i) => process.stdout.write(`${v.pass ? 'PASS' : 'FAIL'}  ${i + 1}. ${v.title}: ${v.reason}\n`));
  process.stdout.write(`${passed} of ${total} steps passed.\n`);
  // A scored drill: the same breakdown the lab page shows (grader/score.ts).
  const score = scoreAttempt(result.sim, lab, result.verdicts, hints);
  if (score) process.stdout.write(`Score breakdown:\n${formatScore(score).map((l) => `  ${l}\n`).join('')}`);
  if (result.mistakes.length) process.stdout.write(`${say('check-heading')}\n${result.mistakes.map((m) => `  - ${m.text}\n`).join('')}`);
  // smtp-server keeps real timers; leave promptly once the verdict is printed.
  return complete ? 0 : 1;
}
