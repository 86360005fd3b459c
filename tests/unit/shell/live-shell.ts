/** A learner's shell in this process (no CLI spawn): lines typed as a script would, transcript as plain text. */
import { Simulation, type SimulationOptions } from '../../../simulator/simulation.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import type { ShellSession } from '../../../simulator/shell/session.ts';
import { transcriptText } from '../../../cli/transcript.ts';

export type LiveShell = { sim: Simulation; session: ShellSession; transcript(): string; type(line: string): Promise<string> };

export function liveShell(options: Partial<SimulationOptions> = {}, startHost?: string): LiveShell {
  const sim = new Simulation({ seed: 7, ...options });
  let out = '';
  const session = createShell(sim, { write: (d) => (out += transcriptText(d)), cols: 80, rows: 24 }, { startHost });
  session.start();
  return {
    sim,
    session,
    transcript: () => out,
    /** Type one line and wait until a person could type again; returns what the line printed (without the next prompt). */
    async type(line: string): Promise<string> {
      await session.whenReady();
      const from = out.length;
      await session.feedLine(line);
      await session.whenReady();
      const printed = out.slice(from);
      const start = printed.indexOf(line + '\n');
      const body = start >= 0 ? printed.slice(start + line.length + 1) : printed;
      return body.replace(/\S+@\S+:[^\n]*[#$] $/, '');
    },
  };
}
