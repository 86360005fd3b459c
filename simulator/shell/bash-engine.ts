/**
 * The just-bash side of the runner, in its own module so browsers load it
 * after the prompt is up (it is ~350 KB gzip; see ARCHITECTURE.md).
 *
 * One Bash per host per session: a Bash holds the host's filesystem adapter
 * and its command table (the registry's specs for that host), which cost
 * ~10 ms to build; shell state (variables, cwd) does not survive between
 * just-bash exec() calls anyway, so the runner carries env and cwd itself.
 */
import { Bash, defineCommand, type CustomCommand } from 'just-bash';
import type { Machine } from '../simulation.ts';
import type { CommandContext, CommandSpec } from './command-spec.ts';
import { HostBashFs } from './bash-fs.ts';

/** What a registry command needs that just-bash does not know: the simulation, user, abort signal. */
export type SpecContextFactory = (args: string[], stdin: string, cwd: string) => Omit<CommandContext, 'out' | 'err'>;

export const OUTPUT_LIMIT = 1024 * 1024;

/**
 * Budgets. just-bash runs builtin-only loops (`while true; do :; done`)
 * without ever yielding to the event loop, so a keypress — Ctrl-C included —
 * cannot reach it until it stops; the step budget is what keeps the tab
 * responsive (5,000 iterations: a fraction of a second), and it is still
 * far above what a log-analysis loop over a /24 needs.
 */
const LIMITS = {
  maxExecutionTimeMs: 10_000,
  maxOutputSize: OUTPUT_LIMIT,
  maxCommandCount: 10_000,
  maxLoopIterations: 5_000,
  maxAwkIterations: 100_000,
  maxSedIterations: 100_000,
  maxStringLength: 8 * OUTPUT_LIMIT,
};

export function isInteractive(spec: CommandSpec, args: string[]): boolean {
  return typeof spec.interactive === 'function' ? spec.interactive(args) : !!spec.interactive;
}

function asBashCommand(spec: CommandSpec, context: SpecContextFactory): CustomCommand {
  return defineCommand(spec.name, async (args, ctx) => {
    if (isInteractive(spec, args)) {
      return { stdout: '', stderr: `relaylab: ${spec.name} needs the terminal: run it on a line of its own\n`, exitCode: 1 };
    }
    let stdout = '';
    let stderr = '';
    const base = context(args, typeof ctx.stdin === 'string' ? ctx.stdin : String(ctx.stdin ?? ''), ctx.cwd);
    const code = await spec.run({ ...base, out: (t) => (stdout += t), err: (t) => (stderr += t) });
    return { stdout, stderr, exitCode: code };
  });
}

/**
 * GNU uniq -c right-aligns counts in 7 columns ("      2 a"); just-bash uses 4.
 * Admins read and paste these top-talker lists, so the layout is kept GNU's.
 */
const gnuUniq = defineCommand('uniq', async (args, ctx) => {
  const result = await ctx.origCommand!(args);
  const counting = args.some((a) => /^-[a-zA-Z]*c/.test(a) || a === '--count');
  if (!counting || typeof result.stdout !== 'string') return result;
  return { ...result, stdout: result.stdout.replace(/^ *(\d+) /gm, (_m, n: string) => `${n.padStart(7)} `) };
});

export function createBash(machine: Machine, specs: CommandSpec[], context: SpecContextFactory, sleep: (ms: number) => Promise<void>): Bash {
  const custom = [...specs.filter((s) => s.engine !== 'bash').map((s) => asBashCommand(s, context)), gnuUniq];
  return new Bash({
    fs: new HostBashFs(machine.fs),
    cwd: '/',
    customCommands: custom,
    executionLimits: LIMITS,
    sleep,
    processInfo: { pid: 4242, ppid: 4241, uid: 0, gid: 0 },
  });
}

/** just-bash's limit messages, said so a learner knows what happened and that the shell is fine. */
export function explainLimits(stderr: string): string {
  if (/too many commands executed|too many iterations|iterations exceeded|iteration limit|loop iterations/i.test(stderr)) {
    return 'relaylab: stopped a runaway command (too many steps). The shell is fine; press Ctrl-C to stop long commands.\n';
  }
  // just-bash's parser refuses scripts over 1 MB (a huge paste at the prompt).
  if (/Input too large/i.test(stderr)) return 'relaylab: that line is too long to run (over 1 MB)\n';
  if (/output size exceeded/i.test(stderr)) return 'relaylab: output truncated (over 1 MB)\n';
  if (/execution deadline|timed out|execution time/i.test(stderr)) return 'relaylab: stopped a command that ran too long (10 s budget)\n';
  return '';
}
