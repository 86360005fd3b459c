/** The validator's sentences come from the catalogue (labs.*) and count right. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue } from '../../../simulator/labs/friendly-errors.ts';

const issueOf = (schema: z.ZodTypeAny, data: unknown) => {
  const r = schema.safeParse(data);
  if (r.success) throw new Error('expected a failure');
  return describeIssue(r.error.issues[0]!, data);
};

describe('validator sentences', () => {
  it('an array too short: "1 item", "2 items" (was "item(s)")', () => {
    expect(issueOf(z.array(z.string()).min(1), [])).toBe('needs at least 1 item');
    expect(issueOf(z.array(z.string()).min(2), [])).toBe('needs at least 2 items');
  });

  it('unknown fields, one or several', () => {
    expect(issueOf(z.object({}).strict(), { a: 1 })).toBe('unknown field "a" (check the spelling)');
    expect(issueOf(z.object({}).strict(), { a: 1, b: 2 })).toBe('unknown fields "a", "b" (check the spelling)');
  });
});
