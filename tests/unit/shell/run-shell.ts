/** Drive `relaylab shell` with piped input, as an admin's script would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));

/** `extra`: more options, e.g. `--no-world` when a test counts log lines the living world would add to. */
export function shell(lines: string[], seed = 7, extra: string[] = []): { out: string; code: number | null } {
  const r = spawnSync(process.execPath, [bin, 'shell', '--seed', String(seed), ...extra], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return { out: r.stdout + r.stderr, code: r.status };
}

/** The output of the command typed at the n-th prompt matching `prompt` (text up to the next prompt). */
export function outputOf(out: string, command: string): string {
  const start = out.indexOf(command + '\n');
  if (start < 0) return '';
  const rest = out.slice(start + command.length + 1);
  const next = rest.search(/^\S+@\S+:[^\n]*[#$] /m);
  return next < 0 ? rest : rest.slice(0, next);
}
