/**
 * The coach in the CLI: `relaylab shell --lab ID` prints each mistake on
 * stderr as a marked line while stdout stays the plain transcript;
 * `relaylab check` lists the mistakes seen during the run after the verdicts.
 * (A correct run naming nothing is proven on the attempt path, coach-live.)
 * Both commands start together: each spends most of its time starting up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));
type Out = { stdout: string; stderr: string };
const run = (verb: string, args: string[], lines: string[]) =>
  new Promise<Out>((resolve, reject) => {
    const p = spawn(process.execPath, [bin, verb, ...args], { timeout: 60_000 });
    const out: Out = { stdout: '', stderr: '' };
    p.stdout.on('data', (d) => (out.stdout += d));
    p.stderr.on('data', (d) => (out.stderr += d));
    p.on('error', reject);
    p.on('close', () => resolve(out));
    p.stdin.end(lines.join('\n') + '\n');
  });

const SLIPS = ['EHLO ops.corp.example', 'telnet mail.corp.example'];
let shell: Out;
let check: Out;

beforeAll(async () => {
  [shell, check] = await Promise.all([run('shell', ['--lab', 'speak-smtp', '--seed', '7'], SLIPS), run('check', ['--lab', 'speak-smtp', '--seed', '7'], SLIPS)]);
}, 60_000);

describe('relaylab and the coach', () => {
  it('shell --lab: mistakes on stderr, marked, one line each; stdout is the transcript alone', () => {
    expect(shell.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^\[relaylab coach\] `EHLO` is an SMTP command, not a shell command/),
      expect.stringMatching(/^\[relaylab coach\] telnet without a port connects to port 23/),
    ]);
    expect(shell.stdout).not.toContain('relaylab coach');
    expect(shell.stdout).toContain('-bash: EHLO: command not found');
    expect(shell.stdout).toContain('telnet: Unable to connect to remote host: Connection refused');
  });

  it('check: the mistakes seen during the run, after the verdicts', () => {
    const tail = check.stdout.slice(check.stdout.indexOf('steps passed.'));
    expect(tail.split('\n').slice(1)).toEqual([
      'Mistakes seen during the run:',
      expect.stringMatching(/^ {2}- `EHLO` is an SMTP command/),
      expect.stringMatching(/^ {2}- telnet without a port/),
      '',
    ]);
  });
});
