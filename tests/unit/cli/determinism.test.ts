/**
 * Observation 7: one seed and one script give one transcript, byte for byte,
 * through `relaylab shell` piped — $RANDOM, awk's rand() and srand(), and
 * `time` (simulated time, in bash's format) included.
 */
import { describe, expect, it } from 'vitest';
import { outputOf, shell } from '../shell/run-shell.ts';

const randomLines = ['echo $RANDOM $RANDOM', "awk 'BEGIN{print rand(); print rand()}'", "awk 'BEGIN{srand(); print rand()}'"];
const rest = ['time relaytest mail.corp.example', 'swaks -s mail.corp.example -t bob@corp.example | grep queued', 'echo $SECONDS'];
const queued = 'swaks -s mail.corp.example -t bob@corp.example | grep queued';

describe('relaylab shell is deterministic', () => {
  const first = shell([...randomLines, ...rest], 31, ['--no-world']);

  it('same seed, same script: byte-identical transcript; $RANDOM, rand() and time included', () => {
    const second = shell([...randomLines, ...rest], 31, ['--no-world']);
    expect(first.code).toBe(0);
    expect(second.out).toBe(first.out);
    expect(outputOf(first.out, 'echo $RANDOM $RANDOM')).toMatch(/^\d{1,5} \d{1,5}\n$/);
    expect(outputOf(first.out, "awk 'BEGIN{print rand(); print rand()}'")).toMatch(/^0\.\d+\n0\.\d+\n$/);
    expect(outputOf(first.out, 'time relaytest mail.corp.example')).toMatch(/\n\nreal\t0m\d+\.\d{3}s\nuser\t0m0\.000s\nsys\t0m0\.000s\n$/);
  }, 60_000);

  it('the numbers come from the seed, on a stream of their own that does not shift the simulation\'s', () => {
    const otherSeed = shell([...randomLines, ...rest], 32, ['--no-world']);
    expect(outputOf(otherSeed.out, 'echo $RANDOM $RANDOM')).not.toBe(outputOf(first.out, 'echo $RANDOM $RANDOM'));
    // The same script with `:` where the random lines were (same time, same steps): the queue id the simulation drew is the same.
    const quiet = shell([...randomLines.map(() => ':'), ...rest], 31, ['--no-world']);
    expect(outputOf(first.out, queued)).toMatch(/queued as [0-9A-F]{10,}/);
    expect(outputOf(quiet.out, queued)).toBe(outputOf(first.out, queued));
  }, 60_000);
});
