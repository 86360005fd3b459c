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
import { LabSchema, type Lab, type LabStep } from './schema.ts';
import { issuesToErrors, jsonSyntaxError, type LabError } from './friendly-errors.ts';
import { findCheckKind, CHECK_KINDS } from '../grader/registry.ts';
import { didYouMean, labWorld, type LabWorld } from './lab-world.ts';
import { checkReferences } from './check-refs.ts';
import { checkSolutionCommands } from './solution-commands.ts';
import { t } from '../i18n/t.ts';

export type LabSource = {
  /** Folder name, e.g. `speak-smtp` (must equal the id). */
  dir: string;
  /** Path shown in errors, e.g. `labs/speak-smtp/lab.json`. */
  file: string;
  text: string;
  /** Other files in the folder, relative to it (e.g. `steps/01-send.mdx`). */
  files: ReadonlySet<string>;
};

type Err = (field: string, message: string) => void;

/** A knowledge check's key is one of the question's choices, and every other choice says why it is wrong. */
function checkChoiceKey(step: LabStep, raw: Record<string, unknown>, where: string, err: Err): void {
  const choices = step.question?.choices;
  if (!choices) return err(`${where}`, t('labs.choice.needs-choices'));
  const correct = typeof raw['correct'] === 'string' ? raw['correct'] : '';
  if (!choices.includes(correct)) err(`${where}.correct`, t('labs.choice.key-not-a-choice', { correct }));
  const why = (raw['why'] ?? {}) as Record<string, unknown>;
  for (const c of choices) if (c !== correct && !(c in why)) err(`${where}.why`, t('labs.choice.unexplained', { choice: c }));
  for (const k of Object.keys(why)) if (!choices.includes(k) || k === correct) err(`${where}.why`, t(k === correct ? 'labs.choice.explains-right' : 'labs.choice.explains-unknown', { choice: k }));
}

/** Exhibits and exhibit-made choices belong to guided labs, which nobody types into. */
function checkGuidedStep(lab: Lab, step: LabStep, at: string, world: LabWorld, err: Err): void {
  const guided = lab.mode === 'guided';
  if (step.exhibit && !guided) err(`${at}.exhibit`, t('labs.guided.exhibit-outside-guided'));
  if (guided && step.solution.length) err(`${at}.solution`, t('labs.guided.no-solution'));
  const ex = step.exhibit;
  if (ex?.host && world.host(ex.host)?.role !== 'workstation') err(`${at}.exhibit.host`, t('labs.not-a-workstation', { host: ex.host, count: world.workstationCount }));
  if (ex?.user && !world.mailboxUsers.has(ex.user)) err(`${at}.exhibit.user`, t('labs.no-mailbox', { user: ex.user, suggestion: didYouMean(ex.user, world.mailboxUsers) }));
  const from = step.question?.choicesFrom;
  if (from) {
    if (step.question?.choices) err(`${at}.question`, t('labs.guided.choices-twice'));
    if (ex?.show !== 'desk') err(`${at}.question.choicesFrom`, t('labs.guided.desk-tasks-needs-desk'));
  }
}

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

  if (lab.id !== src.dir) err('id', t('labs.id-not-folder', { id: lab.id, dir: src.dir }));
  let world: LabWorld;
  try {
    world = labWorld(lab);
  } catch (e) {
    err('scenario', t('labs.scenario.cannot-build', { error: e instanceof Error ? e.message : String(e) }));
    return { errors };
  }
  if (!world.host(lab.startHost)) err('startHost', t('labs.unknown-start-host', { host: lab.startHost, suggestion: didYouMean(lab.startHost, world.hostNames) }));
  const inf = lab.scenario.infected;
  if (Array.isArray(inf)) {
    inf.forEach((h, i) => {
      if (world.host(h)?.role !== 'workstation') err(`scenario.infected[${i}]`, t('labs.not-a-workstation', { host: h, count: world.workstationCount }));
    });
  } else if (inf !== undefined && inf > world.workstationCount) {
    err('scenario.infected', t('labs.scenario.too-many-infected', { n: inf, count: world.workstationCount }));
  }
  const mdx = (field: string, path: string | undefined) => {
    if (path && !src.files.has(path)) err(field, t('labs.file-not-found', { path: `${folder}${path}` }));
  };
  mdx('intro', lab.intro);
  if (lab.lesson && known.lessons && !known.lessons.includes(lab.lesson)) err('lesson', t('labs.no-lesson', { lesson: lab.lesson }));
  if (lab.summary.next && known.labs && !known.labs.includes(lab.summary.next)) err('summary.next', t('labs.no-next-lab', { lab: lab.summary.next }));

  const seen = new Set<string>();
  lab.steps.forEach((step, s) => {
    const at = `steps[${s}]`;
    if (seen.has(step.id)) err(`${at}.id`, t('labs.duplicate-step', { id: step.id }));
    seen.add(step.id);
    mdx(`${at}.text`, step.text);
    step.solution.forEach((line, i) => {
      if (line.trim() === '') err(`${at}.solution[${i}]`, t('labs.empty-solution-command'));
    });
    let hasAnswer = false;
    step.checks.forEach((check, c) => {
      const where = `${at}.checks[${c}]`;
      const kind = findCheckKind(check.kind);
      if (!kind) {
        err(`${where}.kind`, t('labs.unknown-check-kind', { kind: check.kind, known: CHECK_KINDS.map((k) => k.kind).join(', ') }));
        return;
      }
      hasAnswer ||= kind.kind === 'answer' || kind.kind === 'choice';
      const { kind: _k, ...raw } = check;
      if (kind.kind === 'choice') checkChoiceKey(step, raw, where, err);
      const p = kind.params.safeParse(raw);
      if (!p.success) {
        errors.push(...issuesToErrors(src.file, p.error.issues, raw, ['steps', s, 'checks', c]));
        return;
      }
      for (const e of checkReferences(kind, raw, p.data, world)) err(e.field ? `${where}.${e.field}` : where, e.message);
    });
    if (hasAnswer && !step.question) err(`${at}.question`, t('labs.question-needs-check'));
    if (!hasAnswer && step.question) err(`${at}.checks`, t('labs.check-needs-question'));
    checkGuidedStep(lab, step, at, world, err);
    if (step.answer !== undefined && !hasAnswer) err(`${at}.answer`, t('labs.answer-outside-answer-step'));
  });
  for (const e of checkSolutionCommands(lab, world)) err(e.field, e.message);
  if (lab.mode !== 'guided' && lab.steps.every((s) => s.solution.length === 0)) err('steps', t('labs.no-solution'));
  if (lab.scenario.bounce && !world.mailboxUsers.has(lab.scenario.bounce)) err('scenario.bounce', t('labs.no-mailbox', { user: lab.scenario.bounce, suggestion: didYouMean(lab.scenario.bounce, world.mailboxUsers) }));
  return { lab: errors.length ? undefined : lab, errors };
}
