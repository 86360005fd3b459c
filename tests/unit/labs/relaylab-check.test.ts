/** `relaylab check` and `relaylab labs` as a black box: real process, piped stdin, exit codes. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync } from 'node:fs';

const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));
const run = (args: string[], input = '') => {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { out: r.stdout, err: r.stderr, code: r.status };
};

/** The same, without blocking the worker while the child runs (spawnSync would stall vitest's RPC). */
const runAsync = (args: string[], input = '') =>
  new Promise<{ out: string; code: number | null }>((done) => {
    const c = spawn(process.execPath, [bin, ...args], { timeout: 60_000 });
    let out = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    c.on('close', (code) => done({ out, code }));
    c.stdin.end(input);
  });

const SEND = ['telnet mail.corp.example 25', 'EHLO me.example', 'MAIL FROM:<carol@example.org>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: by hand', '.', 'QUIT'].join('\n') + '\n';

describe('relaylab check', () => {
  it('grades the state the commands left, step by step, exit 1 until every step passes', () => {
    const r = run(['check', '--lab', 'speak-smtp', '--seed', '3'], SEND);
    expect(r.out).toContain('Speak SMTP (lab speak-smtp, seed 3)');
    expect(r.out).toMatch(/PASS {2}1\. Send Bob a message by hand: bob's mailbox has your message \(envelope sender <carol@example\.org>\)/);
    expect(r.out).toContain('FAIL  2. Read it in Bob\'s mailbox: No answer given yet.');
    expect(r.code).toBe(1);
  });

  it('checks answers against the simulation, not against the lab file', () => {
    expect(run(['check', '--lab', 'speak-smtp', '--seed', '3', '--answer', 'read=<carol@example.org>'], SEND).code).toBe(0);
    const wrong = run(['check', '--lab', 'speak-smtp', '--seed', '3', '--answer', 'read=admin@corp.example'], SEND);
    expect(wrong.out).toContain('FAIL  2. Read it in Bob\'s mailbox: "admin@corp.example" is not the Return-Path; look again.');
  });

  it('doing nothing fails', () => {
    const r = run(['check', '--lab', 'speak-smtp', '--seed', '3'], '');
    expect(r.out).toContain("FAIL  1. Send Bob a message by hand: bob's mailbox on mail.corp.example is still empty.");
    expect(r.code).toBe(1);
  });

  it('issue 9 obs. 3: the right answers with no commands fail (stdin /dev/null, any seed)', async () => {
    const r = await runAsync(['check', '--lab', 'open-relay-test', '--answer', 'manual=refused', '--answer', 'battery=1', '--answer', 'verdict=yes'], '');
    expect(r.out).toContain('FAIL  1. Try to relay by hand, from outside: You have not tried to relay by hand from outside yet');
    expect(r.out).toContain('0 of 3 steps passed.');
    expect(r.code).toBe(1);
  });

  it("a seed's printed key, replayed as the README says, passes check --seed N", async () => {
    const key = (await runAsync(['labs', 'show', 'open-relay-test', '--solution', '--seed', '2'])).out;
    const lines = key.split('\n').flatMap((l) => /^ *\$ (.*)$/.exec(l)?.[1] ?? []).join('\n') + '\n';
    const answers = ['manual', 'battery', 'verdict'].map((id, i) => `--answer=${id}=${[...key.matchAll(/^ {3}answer: (.*)$/gm)][i]![1]}`);
    const r = await runAsync(['check', '--lab', 'open-relay-test', '--seed', '2', ...answers], lines);
    expect(r.out).toContain('3 of 3 steps passed.');
    expect(r.code).toBe(0);
  });

  it('rejects bad arguments with usage', () => {
    expect(run(['check']).code).toBe(2);
    expect(run(['check', '--lab', 'nope']).err).toContain('no lab "nope"');
  });
});

describe('relaylab labs', () => {
  it('lists id, title, audience and minutes', () => {
    const r = run(['labs']);
    expect(r.out).toMatch(/^speak-smtp\s+Speak SMTP\s+admin\s+10 min$/m);
    expect(r.code).toBe(0);
  });

  it('shows a lab, and its answer key with --solution', () => {
    const r = run(['labs', 'show', 'speak-smtp', '--solution']);
    expect(r.out).toContain('1. Send Bob a message by hand  [send]');
    expect(r.out).toContain('$ telnet mail.corp.example 25');
    expect(run(['labs', 'show', 'speak-smtp']).out).not.toContain('$ telnet');
  });

  it('validate exits 0 on the shipped labs', () => {
    const r = run(['labs', 'validate']);
    const labsDir = fileURLToPath(new URL('../../../labs/', import.meta.url));
    const shipped = readdirSync(labsDir).filter((d) => existsSync(`${labsDir}${d}/lab.json`)).length;
    expect(shipped).toBeGreaterThanOrEqual(3);
    expect(r.out).toContain(`${shipped} labs checked: ${shipped} valid, 0 errors.`);
    expect(r.code).toBe(0);
  });
});
