/**
 * Runs one command line against the simulation: the same engine for the
 * browser and `relaylab shell`.
 *
 * - A line that is a single simple command naming a registry command runs
 *   directly, with the terminal: output streams, interactive programs
 *   (telnet, nc, nano, less, tail -f) and session commands (ssh, exit) work.
 * - Everything else (pipes, redirection, &&, loops, grep/awk/sed…) runs in
 *   just-bash over the host's HostFs, with the registry's commands
 *   registered as custom commands. just-bash is imported on first use so
 *   the prompt does not wait for it.
 * - After each line the virtual clock moves on by one second, so logs
 *   progress and queued work runs, deterministically.
 */
import type { Simulation } from '../simulation.ts';
import type { CommandContext } from './command-spec.ts';
import type { CommandIO, CommandRunner } from './session.ts';
import { commandsOn, findCommand } from './commands/registry.ts';
import { splitWords } from './words.ts';
import { completeLine } from './completion.ts';
import { SeededRandom } from '../core/rng.ts';
import { deterministically } from './engine-determinism.ts';
import { look } from './look.ts';

type Engine = typeof import('./bash-engine.ts');
type BashLike = { exec(line: string, opts: Record<string, unknown>): Promise<{ stdout: string; stderr: string; exitCode: number; env?: Record<string, string> }> };

/** Virtual time one command line takes (a person reads the output, types the next). */
export const LINE_TICK_MS = 1000;
/** Characters that make a line more than one simple command. */
const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~=]|^\s*!/;

export class SimulatorRunner implements CommandRunner {
  private engine: Promise<Engine> | undefined;
  private readonly bashes = new Map<string, BashLike>();
  /** Shell variables per host: just-bash forgets them between exec() calls. */
  private readonly envs = new Map<string, Record<string, string>>();
  private current: CommandIO | undefined;
  /**
   * `$RANDOM` and awk's rand(): a stream of their own, derived from the seed,
   * so a script replays byte for byte and the simulation's own sequence
   * (queue ids, ports) is not shifted by a learner's `echo $RANDOM`.
   */
  private readonly shellRandom: SeededRandom;

  constructor(private readonly sim: Simulation) {
    this.shellRandom = new SeededRandom(Math.imul(sim.seed ^ 0x5eed5eed, 0x9e3779b1) >>> 0);
  }

  /** Start loading the shell engine (the browser calls this once the prompt shows). */
  preload(): Promise<Engine> {
    this.engine ??= import('./bash-engine.ts');
    return this.engine;
  }

  async run(line: string, io: CommandIO): Promise<number> {
    try {
      return await this.runLine(line, io);
    } finally {
      await this.sim.network.settled();
      this.sim.clock.advance(LINE_TICK_MS);
    }
  }

  private async runLine(line: string, io: CommandIO): Promise<number> {
    const machine = this.sim.machine(io.identity.host);
    if (!SHELL_SYNTAX.test(line)) {
      const { words, error } = splitWords(line.trim());
      if (error) {
        io.err(`-bash: ${error}\n`);
        return 2;
      }
      const [name, ...args] = words;
      if (!name) return 0;
      const spec = findCommand(name, machine.host);
      const engine = await this.preload();
      if (spec && (spec.engine !== 'bash' || engine.isInteractive(spec, args))) {
        return spec.run({ ...this.context(io, args, '', io.identity.cwd), out: io.out, err: io.err, tty: io });
      }
    }
    return this.runInBash(line, io);
  }

  private async runInBash(line: string, io: CommandIO): Promise<number> {
    const engine = await this.preload();
    const { host, cwd } = io.identity;
    if (engine.braceRangeSize(line) > engine.BRACE_LIMIT) {
      // What bash says when a range is too big to allocate; just-bash would cut it short silently.
      io.err(`-bash: brace expansion: failed to allocate memory for ${engine.braceRangeSize(line)} elements\n`);
      return 1;
    }
    const bash = this.bashFor(host, engine);
    this.current = io;
    const env = { ...this.baseEnv(io), ...this.envs.get(host), PWD: cwd };
    const body = line;
    // just-bash starts each exec with $? = 0; carry the previous line's status like bash does.
    const script = body.includes('$?') && io.session.lastExitCode ? `(exit ${io.session.lastExitCode}); ${body}` : body;
    const result = await deterministically(this.sim.clock, this.shellRandom, () => bash.exec(script, { cwd, env, replaceEnv: true, signal: io.signal }));
    this.current = undefined;
    if (result.env) {
      this.envs.set(host, exportable(result.env));
      const pwd = result.env.PWD;
      if (pwd && this.sim.machine(host).fs.isDir(pwd)) io.identity.cwd = pwd;
    }
    // Ctrl-C: bash prints nothing of its own (the session echoes ^C).
    const raw = (io.signal.aborted ? result.stderr.replace(/^bash: execution aborted\n?/m, '') : result.stderr).replace(/^bash: /gm, '-bash: ');
    const note = engine.explainLimits(raw);
    const stderr = engine.bashWords(raw);
    // A line stopped by a budget: what the left side of a pipe or a redirect had written is not terminal output.
    const stdout = note && !printsToTerminal(line) ? '' : result.stdout;
    io.out(stdout.length > engine.OUTPUT_LIMIT ? stdout.slice(0, stdout.lastIndexOf('\n', engine.OUTPUT_LIMIT) + 1) : stdout);
    // just-bash's own limit text names its API (executionLimits…): say it in the learner's terms instead.
    io.err(note ? stderr.replace(/^.*(executionLimits|too many commands executed|limit exceeded|work limit|Input too large|execution aborted|maxStringLength).*\n?/gm, '') : stderr);
    if (note) io.err(note);
    else if (stdout.length > engine.OUTPUT_LIMIT) io.err(`relaylab: output truncated: the terminal shows the first 1 MB (pipe it to less, head or grep)\n`);
    else if (result.exitCode === 127 && /command not found/.test(stderr)) io.err(`(type 'help' to see the commands on ${host})\n`);
    // 128 + SIGINT, as bash reports an interrupted command (just-bash says 124).
    return io.signal.aborted ? 130 : result.exitCode;
  }

  private bashFor(host: string, engine: Engine): BashLike {
    let bash = this.bashes.get(host);
    if (!bash) {
      const machine = this.sim.machine(host);
      const sleep = async (ms: number) => void this.sim.clock.advance(ms);
      const make = () => engine.createBash(machine, commandsOn(machine.host), (args, stdin, cwd) => this.context(this.current!, args, stdin, cwd), { sleep, host: this.sim.host, now: () => this.sim.clock.now(), onRead: (path) => look({ sim: this.sim, machine }, 'file', path) });
      // Built under the virtual clock too: its start time is what $SECONDS counts from.
      bash = deterministically(this.sim.clock, this.shellRandom, make) as unknown as BashLike;
      this.bashes.set(host, bash);
    }
    return bash;
  }

  private baseEnv(io: CommandIO): Record<string, string> {
    const { user, host, home } = io.identity;
    return { HOME: home, USER: user, LOGNAME: user, HOSTNAME: host, SHELL: '/bin/bash', TERM: 'xterm-256color', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };
  }

  private context(io: CommandIO, args: string[], stdin: string, cwd: string): Omit<CommandContext, 'out' | 'err'> {
    return {
      sim: this.sim,
      args,
      machine: this.sim.machine(io.identity.host),
      user: io.identity.user,
      cwd,
      home: io.identity.home,
      stdin,
      signal: io.signal,
    };
  }

  complete(line: string, io: CommandIO): string[] {
    return completeLine(this.sim, line, io.identity);
  }
}

/** Whether a line's stdout goes to the terminal: no pipe and no redirection outside quotes. */
function printsToTerminal(line: string): boolean {
  return !/[|>]/.test(line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ''));
}

/** What `env` may show next time: exported names only, not bash's specials (`?`, `IFS`…). */
function exportable(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !SPECIALS.has(k) && !k.startsWith('__relaylab')) out[k] = v;
  return out;
}
const SPECIALS = new Set(['IFS', 'OPTIND', 'SHELLOPTS', 'BASHOPTS', 'PPID', 'UID', 'EUID', 'BASHPID', 'OSTYPE', 'MACHTYPE', 'HOSTTYPE', 'SHLVL', 'BASH_VERSION', 'RANDOM', 'SECONDS', 'LINENO']);
