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
import type { Lab } from '../simulator/labs/schema.ts';
import type { LabVerdict } from '../simulator/grader/lab-progress.ts';
import type { Mistake } from '../simulator/coach/coach.ts';
import { formatScore, scoreAttempt, type ScoreBreakdown } from '../simulator/grader/score.ts';
import { t } from '../simulator/i18n/t.ts';

export async function checkCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      options: { lab: { type: 'string' }, seed: { type: 'string' }, answer: { type: 'string', multiple: true }, transcript: { type: 'boolean' }, hints: { type: 'string' } },
    }).values;
    if (!parsed.lab) throw new Error(t('cli.check.lab-required'));
  } catch (err) {
    process.stderr.write(`relaylab check: ${(err as Error).message}\n${t('cli.check.usage')}\n`);
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
    process.stderr.write(`relaylab check: ${t('cli.bad-seed', { value: String(seedText) })}\n`);
    return 2;
  }
  const answers = parseAnswers(parsed.answer);
  if (!answers) return 2;
  const hints = parsed.hints === undefined ? 0 : Number(parsed.hints);
  if (!Number.isInteger(hints) || hints < 0) {
    process.stderr.write(`relaylab check: ${t('cli.check.bad-hints', { value: String(parsed.hints) })}\n`);
    return 2;
  }
  const lines: string[] = [];
  if (!process.stdin.isTTY) for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) lines.push(line);

  const seed = attemptSeed(lab, requested, () => Math.floor(Math.random() * 2 ** 31));
  const result = await runAttempt(lab, seed, lines, answers);
  if (parsed.transcript) process.stdout.write(transcriptText(result.transcript) + '\n');
  // A scored drill: the same breakdown the lab page shows (grader/score.ts).
  const score = scoreAttempt(result.sim, lab, result.verdicts, hints);
  process.stdout.write(verdictLines(lab, seed, result.progress, result.mistakes, score));
  // smtp-server keeps real timers; leave promptly once the verdict is printed.
  return result.progress.complete ? 0 : 1;
}

function parseAnswers(list: readonly string[] | undefined): Record<string, string> | undefined {
  const answers: Record<string, string> = {};
  for (const a of list ?? []) {
    const eq = a.indexOf('=');
    if (eq < 1) {
      process.stderr.write(`relaylab check: ${t('cli.check.bad-answer', { value: a })}\n`);
      return undefined;
    }
    answers[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return answers;
}

/** The verdict report (also `check --attach`'s, from the serve process). */
export function verdictLines(lab: Lab, seed: number, progress: LabVerdict, mistakes: readonly Mistake[], score?: ScoreBreakdown): string {
  // The one grading rule (grader/lab-progress.ts): every step is judged on the final state.
  const { steps, passed, total } = progress;
  let out = `${t('cli.check.heading', { title: lab.title, id: lab.id, seed })}\n`;
  steps.forEach((v, i) => (out += `${t(v.pass ? 'cli.check.pass' : 'cli.check.fail')}  ${i + 1}. ${v.title}: ${v.reason}\n`));
  out += `${t('cli.check.passed', { passed, total })}\n`;
  if (score) out += `${t('cli.check.score')}\n${formatScore(score).map((l) => `  ${l}\n`).join('')}`;
  if (mistakes.length) out += `${say('check-heading')}\n${mistakes.map((m) => `  - ${m.text}\n`).join('')}`;
  return out;
}
