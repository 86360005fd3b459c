/**
 * The lab validator: schema errors, then references a schema cannot see —
 * unknown check kinds and their parameters, hosts that do not exist, MDX files
 * that are missing, empty solution commands, question/answer mismatches. Pure:
 * the caller (cli/, the Astro build, tests) reads the files and passes them in.
 */
import { LabSchema, type Lab } from './schema.ts';
import { issuesToErrors, jsonSyntaxError, type LabError } from './friendly-errors.ts';
import { findCheckKind, CHECK_KINDS } from '../grader/registry.ts';
import { HOST_GROUPS } from '../grader/hosts.ts';
import { buildDefaultTopology, hostByName } from '../net/topology.ts';

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
  const topo = buildDefaultTopology({ seed: 1, workstations: lab.scenario.workstations });
  const hostOk = (h: string) => (HOST_GROUPS as readonly string[]).includes(h) || !!hostByName(topo, h);
  if (!hostOk(lab.startHost)) err('startHost', `unknown host "${lab.startHost}"`);
  if (Array.isArray(lab.scenario.infected)) {
    lab.scenario.infected.forEach((h, i) => {
      if (hostByName(topo, h)?.role !== 'workstation') err(`scenario.infected[${i}]`, `"${h}" is not a workstation`);
    });
  }
  const mdx = (field: string, path: string | undefined) => {
    if (path && !src.files.has(path)) err(field, `file not found: ${folder}${path}`);
  };
  mdx('intro', lab.intro);
  if (lab.lesson && known.lessons && !known.lessons.includes(lab.lesson)) err('lesson', `no lesson "${lab.lesson}" in content/lessons`);
  if (lab.summary.next && known.labs && !known.labs.includes(lab.summary.next)) err('summary.next', `no lab "${lab.summary.next}"`);

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
      for (const h of kind.refs?.(p.data).hosts ?? []) if (!hostOk(h)) err(where, `unknown host "${h}"`);
    });
    if (hasAnswer && !step.question) err(`${at}.question`, 'an `answer` check needs a question to show');
    if (!hasAnswer && step.question) err(`${at}.checks`, 'a step with a question needs an `answer` check');
    if (step.answer !== undefined && !hasAnswer) err(`${at}.answer`, 'only answer steps take an answer');
  });
  if (lab.steps.every((s) => s.solution.length === 0)) err('steps', 'no step has a solution: every lab ships one (the tests replay it)');
  return { lab: errors.length ? undefined : lab, errors };
}
