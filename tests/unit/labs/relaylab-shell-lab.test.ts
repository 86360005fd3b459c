/**
 * `relaylab shell` as the issue describes it: by default the source post's
 * company with the living world running; `--lab ID` starts a lab's scenario
 * (lab 3: the spam backlog in the queue); `--no-world` a still network.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));
const shell = (args: string[], lines: string[]) =>
  spawnSync(process.execPath, [bin, 'shell', ...args], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000 });

describe('relaylab shell scenarios', () => {
  const WATCH = ['ssh mail', 'advance 30m', 'grep -c "status=sent" /var/log/mail.log'];

  it('default: the world runs — colleagues send mail, bots and the spammer try', () => {
    const r = shell(['--seed', '3'], WATCH);
    expect(r.stdout).toMatch(/meanwhile: \d+ legitimate messages \(\d+ lost\), \d+ spam attempts/);
    expect(Number(/status=sent" \/var\/log\/mail\.log\n(\d+)/.exec(r.stdout)![1])).toBeGreaterThan(0);
  });

  it('--no-world: nobody else on the network', () => {
    const r = shell(['--seed', '3', '--no-world'], WATCH);
    expect(r.stdout).toMatch(/status=sent" \/var\/log\/mail\.log\n0\n/);
  });

  it('--lab close-the-relay: the lab\'s queue of deferred spam and colleagues\' mail', () => {
    const r = shell(['--lab', 'close-the-relay', '--seed', '3'], ['ssh mail', 'mailq']);
    expect(r.stdout).toMatch(/^[0-9A-F]{11} +\d+ .* offers@cheap-meds\.example$|^[0-9A-F]{11} +\d+ .* \w+@(?:crypto-gains|lucky-draw|secure-bank-update|replica-watch)\.example$/m);
    expect(r.stdout).toMatch(/^[0-9A-F]{11} +\d+ .* \w+@corp\.example$/m);
    expect(r.stdout).toContain('-- ');
    expect(r.stdout).toMatch(/in 6 Requests\./);
  });

  it('rejects an unknown lab and a bad speed', () => {
    expect(shell(['--lab', 'nope'], []).stderr).toContain('no lab "nope"');
    expect(shell(['--speed', '0'], []).status).toBe(2);
  });
});
