/** Which commands a lab's solution types that the shell does not have yet (so tests can say what is missing). */
import type { Lab } from '../../../simulator/labs/schema.ts';
import { COMMANDS } from '../../../simulator/shell/commands/registry.ts';

const SHELL_BUILTINS = new Set(['cat', 'exit', 'echo', 'grep', 'awk', 'tail', 'head', 'tr', 'sort', 'uniq', 'wc', 'sed', 'cut']);

export function missingCommands(lab: Lab): string[] {
  const known = new Set([...COMMANDS.map((c) => c.name), ...SHELL_BUILTINS]);
  const missing = new Set<string>();
  for (const step of lab.steps) {
    let inProgram = false;
    for (const line of step.solution) {
      // Lines typed into telnet are SMTP, not commands.
      if (inProgram) {
        if (/^QUIT$/i.test(line.trim())) inProgram = false;
        continue;
      }
      const words = line.split('|').map((p) => p.trim().split(/\s+/)[0]!);
      for (const w of words) if (!known.has(w)) missing.add(w);
      if (/^telnet\b/.test(line)) inProgram = true;
    }
  }
  return [...missing];
}
