/**
 * Zod issues rewritten as sentences naming the field, the way Starlight
 * reports config mistakes: `steps[1].checks[0].expect: must be one of
 * "closed", "open" (got "shut")`.
 */
import type { ZodIssue } from 'zod';

export type LabError = { file: string; field: string; message: string };

export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(top level)';
}

function got(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

export function describeIssue(issue: ZodIssue, data: unknown): string {
  const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), data);
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? `required (${issue.expected})` : `must be ${issue.expected}, not ${issue.received}`;
    case 'invalid_enum_value':
      return `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')} (got ${got(value)})`;
    case 'invalid_literal':
      return `must be ${JSON.stringify(issue.expected)} (got ${got(value)})`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_union_discriminator':
      return `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')} (got ${got(value)})`;
    case 'too_small':
      return issue.type === 'array' ? `needs at least ${issue.minimum} item(s)` : issue.type === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
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
    return { file, field: `line ${before.length}, column ${before[before.length - 1]!.length + 1}`, message: `not valid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}` };
  }
  return { file, field: '(file)', message: `not valid JSON: ${msg}` };
}
