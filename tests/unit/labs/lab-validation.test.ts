/** `npm test` validates every lab folder with the same validator as `relaylab labs validate`. */
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../../../cli/lab-files.ts';
import { validateLab } from '../../../simulator/labs/validate.ts';
import { formatLabError } from '../../../simulator/labs/friendly-errors.ts';

const GOOD = {
  id: 'demo',
  title: 'Demo',
  audience: 'staff',
  minutes: 5,
  teaches: 'x',
  steps: [{ id: 'one', title: 'One', text: 'one.mdx', checks: [{ kind: 'mailbox', user: 'bob' }], solution: ['echo hi'] }],
  summary: { learned: ['y'] },
};

function check(lab: unknown, files = ['one.mdx']) {
  return validateLab({ dir: 'demo', file: 'labs/demo/lab.json', text: JSON.stringify(lab), files: new Set(files) }).errors.map(formatLabError);
}

describe('lab validation', () => {
  it('every lab in labs/ is valid', () => {
    const labs = loadLabs();
    expect(labs.map((l) => l.dir)).toEqual(expect.arrayContaining(['speak-smtp', 'open-relay-test', 'close-the-relay']));
    expect(labs.flatMap((l) => l.errors.map(formatLabError))).toEqual([]);
  });

  it('accepts a minimal lab', () => {
    expect(check(GOOD)).toEqual([]);
  });

  it('names file and field for schema errors', () => {
    const bad = { ...GOOD, audience: 'everyone', minutes: 'ten', colour: 'red' };
    expect(check(bad).sort()).toEqual([
      'labs/demo/lab.json: (top level): unknown field "colour" (check the spelling).',
      'labs/demo/lab.json: audience: must be one of "staff", "admin" (got "everyone").',
      'labs/demo/lab.json: minutes: must be number, not string.',
    ]);
  });

  it('reports every reference error: unknown kind, bad params, unknown host, missing MDX, empty command', () => {
    const steps = [
      { id: 'one', title: 'One', text: 'missing.mdx', checks: [{ kind: 'mailbx', user: 'bob' }], solution: ['echo hi', ''] },
      { id: 'two', title: 'Two', text: 'one.mdx', checks: [{ kind: 'relay-battery', from: 'nowhere', expect: 'shut' }, { kind: 'relay-battery', from: 'nowhere', expect: 'closed' }] },
    ];
    const errors = check({ ...GOOD, startHost: 'ws99', steps });
    expect(errors).toContain('labs/demo/lab.json: startHost: unknown host "ws99" (did you mean ws09?): no host of that name in the lab\'s network.');
    expect(errors).toContain('labs/demo/lab.json: steps[0].text: file not found: labs/demo/missing.mdx.');
    expect(errors.find((e) => e.includes('steps[0].checks[0].kind: unknown check kind "mailbx"'))).toBeTruthy();
    expect(errors).toContain('labs/demo/lab.json: steps[0].solution[1]: solution command is empty.');
    expect(errors).toContain('labs/demo/lab.json: steps[1].checks[0].expect: must be one of "closed", "open" (got "shut").');
    expect(errors).toContain('labs/demo/lab.json: steps[1].checks[1].from: unknown host "nowhere": no host of that name in the lab\'s network.');
  });

  it('points at the line of a JSON syntax error', () => {
    const errors = validateLab({ dir: 'demo', file: 'labs/demo/lab.json', text: '{\n  "id": "demo",\n  oops\n}', files: new Set() }).errors;
    expect(errors[0]!.field).toMatch(/^line 3/);
  });

  it('answer steps need a question, and questions need an answer check', () => {
    const steps = [{ ...GOOD.steps[0]!, checks: [{ kind: 'answer', fact: 'open-relay' }] }, { ...GOOD.steps[0]!, id: 'two', question: { prompt: 'Why?' } }];
    const errors = check({ ...GOOD, steps });
    expect(errors).toContain('labs/demo/lab.json: steps[0].question: an `answer` or `choice` check needs a question to show.');
    expect(errors).toContain('labs/demo/lab.json: steps[1].checks: a step with a question needs an `answer` or `choice` check.');
  });
});
