/**
 * `relaylab labs validate PATH` as a black box (real process, exit codes):
 * a lab copied anywhere validates as it does in labs/, PATH may be the
 * lab.json itself, and an empty folder, a missing path or a broken lab each
 * get a line naming file and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABS_DIR, validateTarget } from '../../../cli/lab-files.ts';
import { formatLabError } from '../../../simulator/labs/friendly-errors.ts';

const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));
const validate = (...paths: string[]) => {
  const r = spawnSync(process.execPath, [bin, 'labs', 'validate', ...paths], { encoding: 'utf8', timeout: 60_000 });
  return { out: r.stdout, err: r.stderr, code: r.status };
};

let tmp: string;
beforeAll(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'relaylab-validate-')));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('relaylab labs validate PATH...', () => {
  it('validates a lab copied outside labs/ the same, and takes the path of a lab.json', () => {
    // open-relay-test's summary.next is close-the-relay, which is not beside the copy: it is found among the shipped labs.
    cpSync(join(LABS_DIR, 'open-relay-test'), join(tmp, 'copied', 'open-relay-test'), { recursive: true });
    const r = validate(join(tmp, 'copied', 'open-relay-test'), join(LABS_DIR, 'speak-smtp', 'lab.json'));
    expect(r.err).toBe('');
    expect(r.out).toBe('2 labs checked: 2 valid, 0 errors.\n');
    expect(r.code).toBe(0);
  });

  it('says why an empty folder or a missing path is not a lab, and names file and field of a broken check', () => {
    mkdirSync(join(tmp, 'empty'));
    const root = join(tmp, 'mine');
    cpSync(join(LABS_DIR, 'close-the-relay'), join(root, 'close-the-relay'), { recursive: true });
    const file = join(root, 'close-the-relay', 'lab.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"parameter": "mynetworks"', '"parameter": "mynetworkz"'));
    mkdirSync(join(root, 'draft'));
    writeFileSync(join(root, 'draft', 'intro.mdx'), 'Soon.\n');
    const r = validate(join(tmp, 'empty'), join(tmp, 'nope'), root);
    expect(r.out.split('\n')).toEqual([
      `${tmp}/empty/lab.json: (file): not found: the folder is empty. A lab is a folder holding lab.json and its MDX step texts (see README, "Writing a lab").`,
      `${tmp}/nope: (path): no such file or folder.`,
      `${file}: steps[0].checks[1].parameter: unknown Postfix parameter "mynetworkz" (did you mean mynetworks?): the check would read an empty value and pass or fail for the wrong reason.`,
      `${root}/draft/lab.json: (file): not found: every folder here is read as a lab, and draft/ has no lab.json (add one, or move the folder elsewhere).`,
      '1 lab checked: 0 valid, 4 errors.',
      '',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
  });

  it('says what is wrong with a path that is some other file, or a folder holding no lab', () => {
    writeFileSync(join(tmp, 'notes.txt'), 'x');
    const file = validateTarget(join(tmp, 'notes.txt'));
    expect(file.kind === 'none' && formatLabError(file.error)).toBe(`${tmp}/notes.txt: (path): is a file, not a lab: give a lab folder, its lab.json, or a folder of labs.`);
    mkdirSync(join(tmp, 'other', 'sub'), { recursive: true });
    const other = validateTarget(join(tmp, 'other'));
    expect(other.kind === 'none' && formatLabError(other.error)).toBe(
      `${tmp}/other/lab.json: (file): not found: this folder holds no lab.json, and none of its folders does. A lab is a folder holding lab.json (see README, "Writing a lab").`,
    );
  });
});
