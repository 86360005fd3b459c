/**
 * Zod issues rewritten as sentences naming the field, the way Starlight
 * reports config mistakes: `steps[1].checks[0].expect: must be one of
 * "closed", "open" (got "shut")`.
 */
import type { ZodIssue } from 'zod';
import { t } from '../i18n/t.ts';

export type LabError = { file: string; field: string; message: string };

export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || t('labs.issue.top-level');
}

function got(value: unknown): string {
  return value === undefined ? t('labs.issue.nothing') : JSON.stringify(value);
}

export function describeIssue(issue: ZodIssue, data: unknown): string {
  const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), data);
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? t('labs.issue.required', { expected: issue.expected }) : t('labs.issue.wrong-type', { expected: issue.expected, received: issue.received });
    case 'invalid_enum_value':
      return t('labs.issue.one-of', { options: issue.options.map((o) => JSON.stringify(o)).join(', '), got: got(value) });
    case 'invalid_literal':
      return t('labs.issue.literal', { expected: JSON.stringify(issue.expected), got: got(value) });
    case 'unrecognized_keys':
      return t('labs.issue.unknown-fields', { n: issue.keys.length, fields: issue.keys.map((k) => `"${k}"`).join(', ') });
    case 'invalid_union_discriminator':
      return t('labs.issue.one-of', { options: issue.options.map((o) => JSON.stringify(o)).join(', '), got: got(value) });
    case 'too_small':
      if (issue.type === 'array') return t('labs.issue.too-few-items', { n: Number(issue.minimum) });
      return issue.type === 'string' ? t('labs.issue.empty-string') : t('labs.issue.too-small', { n: Number(issue.minimum) });
    case 'too_big':
      return t('labs.issue.too-big', { n: Number(issue.maximum) });
    default:
      return issue.message;
  }
}

export function issuesToErrors(file: string, issues: readonly ZodIssue[], data: unknown, prefix: (string | number)[] = []): LabError[] {
  return issues.map((i) => ({ file, field: fieldPath([...prefix, ...i.path]), message: describeIssue(i, data) }));
}

/** `file: field: sentence.` — one line per error; the message is closed as a sentence if it is not already. */
export function formatLabError(e: LabError): string {
  return `${e.file}: ${e.field}: ${/[.?!]$/.test(e.message) ? e.message : `${e.message}.`}`;
}

/** "Unexpected token } in JSON at position 120" → line and column. */
export function jsonSyntaxError(file: string, text: string, err: unknown): LabError {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = Number(/position (\d+)/.exec(msg)?.[1]);
  if (Number.isInteger(pos)) {
    const before = text.slice(0, pos).split('\n');
    const field = t('labs.json.position', { line: before.length, column: before[before.length - 1]!.length + 1 });
    return { file, field, message: t('labs.json.invalid', { error: msg.replace(/ in JSON at position \d+.*$/, '') }) };
  }
  return { file, field: t('labs.json.file'), message: t('labs.json.invalid', { error: msg }) };
}
