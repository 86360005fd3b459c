/**
 * `relaylab labs`: list labs; `labs show ID [--solution [--seed N]]` prints the
 * steps (and the trainer's answer key, for that seed); `labs validate [PATH...]` reports every schema or
 * reference error with its file and field, exit 1 if any.
 */
import { formatLabError, type LabError } from '../simulator/labs/friendly-errors.ts';
import { findCheckKind } from '../simulator/grader/registry.ts';
import { foldersWithoutLab, LABS_DIR, loadLab, loadLabAt, loadLabs, readStepText, validateTarget, type LoadedLab } from './lab-files.ts';
import { parseSeed, parseVerbArgs } from './args.ts';
import { solutionAnswers, stepAnswer, stepLines } from '../simulator/labs/scenario.ts';
import type { Lab } from '../simulator/labs/schema.ts';
import { t } from '../simulator/i18n/t.ts';

const out = (s: string) => process.stdout.write(s);

export async function labsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || sub === 'list') return list();
    if (sub === 'show') return show(rest);
    if (sub === 'validate') return validate(rest);
  } catch (err) {
    process.stderr.write(`relaylab labs: ${(err as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`relaylab labs: ${t('cli.labs.unknown-subcommand', { sub })}\n`);
  return 2;
}

function list(): number {
  const labs = loadLabs();
  const rows = labs.map((l) => [l.dir, l.lab?.title ?? t('cli.labs.invalid'), l.lab?.audience ?? '-', l.lab ? t('cli.labs.minutes', { n: l.lab.minutes }) : '-']);
  const head = [t('cli.labs.column-id'), t('cli.labs.column-title'), t('cli.labs.column-audience')];
  const w = [0, 1, 2].map((i) => Math.max(...[head[i]!.length, ...rows.map((r) => r[i]!.length)]));
  out(`${head[0]!.padEnd(w[0]!)}  ${head[1]!.padEnd(w[1]!)}  ${head[2]!.padEnd(w[2]!)}  ${t('cli.labs.column-minutes')}\n`);
  for (const r of rows) out(`${r[0]!.padEnd(w[0]!)}  ${r[1]!.padEnd(w[1]!)}  ${r[2]!.padEnd(w[2]!)}  ${r[3]}\n`);
  return 0;
}

/** MDX to readable terminal text: drop imports/JSX tags, keep prose and code. */
function plainText(mdx: string): string {
  return mdx
    .replace(/^import .*$/gm, '')
    // A quoted attribute may hold `>` (<Run cmd="MAIL FROM:<a@b>" />).
    .replace(/<\/?[A-Z](?:"[^"]*"|[^>"])*>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function show(args: string[]): number {
  const { values, positionals } = parseVerbArgs(args, { solution: { type: 'boolean' }, seed: { type: 'string' } });
  const id = positionals[0];
  if (!id) throw new Error(t('cli.labs.show-usage'));
  if (values.seed !== undefined && !values.solution) throw new Error(t('cli.labs.seed-needs-solution'));
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
  out(showText(loadLab(id), { solution: values.solution ?? false, seed }));
  return 0;
}

/**
 * The steps of a lab, and with `solution` the trainer's key: each step's
 * command lines (`   $ LINE`) and answer (`   answer: TEXT`). Answers the seed
 * decides come from solutionAnswers(lab, seed) — the key `relaylab check --seed N` accepts.
 */
export function showText(lab: Lab, opts: { solution: boolean; seed?: number }): string {
  let text = `${t('cli.labs.show-title', { title: lab.title, id: lab.id, audience: lab.audience, minutes: lab.minutes })}\n${t('cli.labs.teaches', { teaches: lab.teaches })}\n`;
  const sc = lab.scenario;
  const extras = [
    sc.world && t('cli.labs.world', { speed: sc.clockSpeed }),
    sc.queue && t('cli.labs.queue', { queue: sc.queue }),
    sc.infected !== undefined && t('cli.labs.infected', { infected: Array.isArray(sc.infected) ? sc.infected.join(' ') : sc.infected }),
  ].filter(Boolean);
  const seed = sc.seed.policy === 'fixed' ? sc.seed.value : t('cli.labs.random-seed');
  text += `${t('cli.labs.scenario', { mail: sc.mail, seed, host: lab.startHost, extras: extras.length ? `, ${extras.join(', ')}` : '' })}\n`;
  if (opts.solution && opts.seed !== undefined) text += `${t('cli.labs.answer-key', { seed: opts.seed, id: lab.id })}\n`;
  const answers = opts.solution ? solutionAnswers(lab, opts.seed) : {};
  lab.steps.forEach((step, i) => {
    text += `\n${i + 1}. ${step.title}  [${step.id}]\n`;
    text += plainText(readStepText(lab.id, step.text)).replace(/^/gm, '   ') + '\n';
    if (step.question) text += `   ${t('cli.labs.question', { prompt: step.question.prompt, choices: step.question.choices ? ` (${step.question.choices.join(' / ')})` : '' })}\n`;
    text += `   ${t('cli.labs.checked-by', { checks: step.checks.map((c) => `${c.kind} (${findCheckKind(c.kind)?.summary ?? t('cli.labs.unknown-kind')})`).join('; ') })}\n`;
    if (opts.solution) {
      for (const line of stepLines(lab, step, opts.seed)) text += `   $ ${line}\n`;
      const a = answers[step.id];
      if (a !== undefined) text += `   ${t('cli.labs.answer', { answer: a })}\n`;
      else if (opts.seed === undefined && stepAnswer(lab, step, 0) !== undefined) text += `   ${t('cli.labs.answer-by-seed', { id: lab.id })}\n`;
    }
  });
  text += `\n${t('cli.labs.learned')}\n${lab.summary.learned.map((l) => `  - ${l}`).join('\n')}\n`;
  return text;
}

/**
 * `validate [PATH...]`: each PATH is a lab folder, its lab.json, or a folder
 * of labs (default labs/). Every problem is one line, `file: field: sentence`.
 */
function validate(args: string[]): number {
  const loaded: LoadedLab[] = [];
  const errors: LabError[] = [];
  for (const path of args.length ? args : [LABS_DIR]) {
    const target = validateTarget(path);
    if (target.kind === 'none') {
      errors.push(target.error);
      continue;
    }
    const labs = target.kind === 'lab' ? [loadLabAt(target.path)] : loadLabs(target.path);
    loaded.push(...labs);
    errors.push(...labs.flatMap((l) => l.errors), ...(target.kind === 'labs' ? foldersWithoutLab(target.path) : []));
  }
  for (const e of errors) out(formatLabError(e) + '\n');
  const ok = loaded.filter((l) => l.errors.length === 0).length;
  out(`${t('cli.labs.checked', { labs: t('cli.labs.checked-labs', { n: loaded.length }), valid: ok, errors: t('cli.labs.checked-errors', { n: errors.length }) })}\n`);
  return errors.length ? 1 : 0;
}
