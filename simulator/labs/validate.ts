/**
 * The lab validator: schema errors, then references a schema cannot see —
 * unknown check kinds and their parameters, and what those parameters name
 * checked against the lab's own network (lab-world.ts: hosts, mailboxes,
 * Postfix parameters, smtpd services; regular expressions compiled;
 * check-refs.ts), MDX files that are missing, solution commands that do not
 * exist where they are typed (solution-commands.ts), question/answer
 * mismatches. Pure: the caller (cli/, the Astro build, tests) reads the files
 * and passes them in.
 */
import { LabSchema, type Lab } from './schema.ts';
import { issuesToErrors, jsonSyntaxError, type LabError } from './friendly-errors.ts';
import { findCheckKind, CHECK_KINDS } from '../grader/registry.ts';
import { didYouMean, labWorld, type LabWorld } from './lab-world.ts';
import { checkReferences } from './check-refs.ts';
import { checkSolutionCommands } from './solution-commands.ts';

export type LabSource = {
  /** Folder name, e.g. `speak-smtp` (must equal the id). */
  dir: string;
  /** Path shown in errors, e.g. `labs/speak-smtp/lab.json`. */
  file: string;
  text: string;
  /** Other files in the folder, relative to it (e.g. `steps/01-send.mdx`). */
  files: ReadonlySet<string>;
};

export type ValidationResult = { lab?: Lab; errors: LabError[] };

export function validateLab(src: LabSource, known: { labs?: readonly string[]; lessons?: readonly string[] } = {}): ValidationResult {
  let data: unknown;
  try {
    data = JSON.parse(src.text);
  } catch (err) {
    return { errors: [jsonSyntaxError(src.file, src.text, err)] };
  }
  const parsed = LabSchema.safeParse(data);
  if (!parsed.success) return { errors: issuesToErrors(src.file, parsed.error.issues, data) };
  const lab = parsed.data;
  const errors: LabError[] = [];
  const err = (field: string, message: string) => errors.push({ file: src.file, field, message });
  const folder = src.file.replace(/[^/]*$/, '');

  if (lab.id !== src.dir) err('id', `"${lab.id}" must match the folder name "${src.dir}"`);
  let world: LabWorld;
  try {
    world = labWorld(lab);
  } catch (e) {
    err('scenario', `the lab's network cannot be built from this scenario (${e instanceof Error ? e.message : String(e)}).`);
    return { errors };
  }
  if (!world.host(lab.startHost)) err('startHost', `unknown host "${lab.startHost}"${didYouMean(lab.startHost, world.hostNames)}: no host of that name in the lab's network.`);
  const inf = lab.scenario.infected;
  if (Array.isArray(inf)) {
    inf.forEach((h, i) => {
      if (world.host(h)?.role !== 'workstation') err(`scenario.infected[${i}]`, `"${h}" is not a workstation of this lab (it has ${world.workstationCount}).`);
    });
  } else if (inf !== undefined && inf > world.workstationCount) {
    err('scenario.infected', `${inf} infected workstations, but the lab has only ${world.workstationCount}.`);
  }
  const mdx = (field: string, path: string | undefined) => {
    if (path && !src.files.has(path)) err(field, `file not found: ${folder}${path}`);
  };
  mdx('intro', lab.intro);
  if (lab.lesson && known.lessons && !known.lessons.includes(lab.lesson)) err('lesson', `no lesson "${lab.lesson}" in content/lessons`);
  if (lab.summary.next && known.labs && !known.labs.includes(lab.summary.next)) err('summary.next', `no lab "${lab.summary.next}" beside this one or among the shipped labs (labs/)`);

  const seen = new Set<string>();
  lab.steps.forEach((step, s) => {
    const at = `steps[${s}]`;
    if (seen.has(step.id)) err(`${at}.id`, `duplicate step id "${step.id}"`);
    seen.add(step.id);
    mdx(`${at}.text`, step.text);
    step.solution.forEach((line, i) => {
      if (line.trim() === '') err(`${at}.solution[${i}]`, 'solution command is empty');
    });
    let hasAnswer = false;
    step.checks.forEach((check, c) => {
      const where = `${at}.checks[${c}]`;
      const kind = findCheckKind(check.kind);
      if (!kind) {
        err(`${where}.kind`, `unknown check kind "${check.kind}" (known: ${CHECK_KINDS.map((k) => k.kind).join(', ')})`);
        return;
      }
      hasAnswer ||= kind.kind === 'answer';
      const { kind: _k, ...raw } = check;
      const p = kind.params.safeParse(raw);
      if (!p.success) {
        errors.push(...issuesToErrors(src.file, p.error.issues, raw, ['steps', s, 'checks', c]));
        return;
      }
      for (const e of checkReferences(kind, raw, p.data, world)) err(e.field ? `${where}.${e.field}` : where, e.message);
    });
    if (hasAnswer && !step.question) err(`${at}.question`, 'an `answer` check needs a question to show');
    if (!hasAnswer && step.question) err(`${at}.checks`, 'a step with a question needs an `answer` check');
    if (step.answer !== undefined && !hasAnswer) err(`${at}.answer`, 'only answer steps take an answer');
  });
  for (const e of checkSolutionCommands(lab, world)) err(e.field, e.message);
  if (lab.steps.every((s) => s.solution.length === 0)) err('steps', 'no step has a solution: every lab ships one (the tests replay it)');
  return { lab: errors.length ? undefined : lab, errors };
}
