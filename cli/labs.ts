/**
 * `relaylab labs`: list labs; `labs show ID [--solution]` prints the steps (and
 * the trainer's answer key); `labs validate [PATH...]` reports every schema or
 * reference error with its file and field, exit 1 if any.
 */
import { formatLabError, type LabError } from '../simulator/labs/friendly-errors.ts';
import { findCheckKind } from '../simulator/grader/registry.ts';
import { foldersWithoutLab, LABS_DIR, loadLab, loadLabAt, loadLabs, readStepText, validateTarget, type LoadedLab } from './lab-files.ts';
import { parseVerbArgs } from './args.ts';

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
  process.stderr.write(`relaylab labs: unknown subcommand '${sub}' (list, show ID [--solution], validate [PATH...])\n`);
  return 2;
}

function list(): number {
  const labs = loadLabs();
  const rows = labs.map((l) => [l.dir, l.lab?.title ?? '(invalid: run relaylab labs validate)', l.lab?.audience ?? '-', l.lab ? `${l.lab.minutes} min` : '-']);
  const w = [0, 1, 2].map((i) => Math.max(...[['ID', 'TITLE', 'AUDIENCE'][i]!.length, ...rows.map((r) => r[i]!.length)]));
  out(`${'ID'.padEnd(w[0]!)}  ${'TITLE'.padEnd(w[1]!)}  ${'AUDIENCE'.padEnd(w[2]!)}  MINUTES\n`);
  for (const r of rows) out(`${r[0]!.padEnd(w[0]!)}  ${r[1]!.padEnd(w[1]!)}  ${r[2]!.padEnd(w[2]!)}  ${r[3]}\n`);
  return 0;
}

/** MDX to readable terminal text: drop imports/JSX tags, keep prose and code. */
function plainText(mdx: string): string {
  return mdx
    .replace(/^import .*$/gm, '')
    .replace(/<\/?[A-Z][^>]*>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function show(args: string[]): number {
  const { values, positionals } = parseVerbArgs(args, { solution: { type: 'boolean' } });
  const id = positionals[0];
  if (!id) throw new Error('usage: relaylab labs show ID [--solution]');
  const lab = loadLab(id);
  out(`${lab.title}  (${lab.id}, for ${lab.audience}, about ${lab.minutes} minutes)\nTeaches: ${lab.teaches}\n`);
  const sc = lab.scenario;
  const extras = [sc.world && `living world at ${sc.clockSpeed}x`, sc.queue && `queue: ${sc.queue}`, sc.infected !== undefined && `infected: ${Array.isArray(sc.infected) ? sc.infected.join(' ') : sc.infected}`].filter(Boolean);
  out(`Scenario: mail server ${sc.mail}, seed ${sc.seed.policy === 'fixed' ? sc.seed.value : 'random per attempt'}, start on ${lab.startHost}${extras.length ? `, ${extras.join(', ')}` : ''}\n`);
  lab.steps.forEach((step, i) => {
    out(`\n${i + 1}. ${step.title}  [${step.id}]\n`);
    out(plainText(readStepText(lab.id, step.text)).replace(/^/gm, '   ') + '\n');
    if (step.question) out(`   Question: ${step.question.prompt}${step.question.choices ? ` (${step.question.choices.join(' / ')})` : ''}\n`);
    out(`   Checked by: ${step.checks.map((c) => `${c.kind} (${findCheckKind(c.kind)?.summary ?? 'unknown'})`).join('; ')}\n`);
    if (values.solution) {
      for (const line of step.solution) out(`   $ ${line}\n`);
      if (step.answer !== undefined) out(`   answer: ${step.answer}\n`);
    }
  });
  out(`\nYou learned:\n${lab.summary.learned.map((l) => `  - ${l}`).join('\n')}\n`);
  return 0;
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
  out(`${loaded.length} lab(s) checked: ${ok} valid, ${errors.length} error(s).\n`);
  return errors.length ? 1 : 0;
}
