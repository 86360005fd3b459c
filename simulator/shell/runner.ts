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

  constructor(private readonly sim: Simulation) {}

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
    const bash = this.bashFor(host, engine);
    this.current = io;
    const env = { ...this.baseEnv(io), ...this.envs.get(host), PWD: cwd };
    // just-bash starts each exec with $? = 0; carry the previous line's status like bash does.
    const script = line.includes('$?') && io.session.lastExitCode ? `(exit ${io.session.lastExitCode}); ${line}` : line;
    const result = await bash.exec(script, { cwd, env, replaceEnv: true, signal: io.signal });
    this.current = undefined;
    if (result.env) {
      this.envs.set(host, result.env);
      const pwd = result.env.PWD;
      if (pwd && this.sim.machine(host).fs.isDir(pwd)) io.identity.cwd = pwd;
    }
    io.out(result.stdout.length > engine.OUTPUT_LIMIT ? result.stdout.slice(0, engine.OUTPUT_LIMIT) : result.stdout);
    const stderr = result.stderr.replace(/^bash: /gm, '-bash: ');
    const note = engine.explainLimits(stderr);
    // just-bash's own limit text names its API (executionLimits…): say it in the learner's terms instead.
    io.err(note ? stderr.replace(/^.*(executionLimits|execution deadline|limit exceeded|Input too large).*\n?/gm, '') : stderr);
    if (note) io.err(note);
    else if (result.exitCode === 127 && /command not found/.test(stderr)) io.err(`(type 'help' to see the commands on ${host})\n`);
    return result.exitCode;
  }

  private bashFor(host: string, engine: Engine): BashLike {
    let bash = this.bashes.get(host);
    if (!bash) {
      const machine = this.sim.machine(host);
      const sleep = async (ms: number) => void this.sim.clock.advance(ms);
      bash = engine.createBash(machine, commandsOn(machine.host), (args, stdin, cwd) => this.context(this.current!, args, stdin, cwd), sleep) as unknown as BashLike;
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
