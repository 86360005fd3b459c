/**
 * The just-bash side of the runner, in its own module so browsers load it
 * after the prompt is up (it is ~350 KB gzip; see ARCHITECTURE.md).
 *
 * One Bash per host per session: a Bash holds the host's filesystem adapter
 * and its command table (the registry's specs for that host), which cost
 * ~10 ms to build; shell state (variables, cwd) does not survive between
 * just-bash exec() calls anyway, so the runner carries env and cwd itself.
 */
import { Bash, defineCommand, getCommandNames, type CustomCommand } from 'just-bash';
import type { Machine } from '../simulation.ts';
import type { HostPort } from '../core/host-port.ts';
import type { CommandContext, CommandSpec } from './command-spec.ts';
import { HostBashFs, latin1Bytes } from './bash-fs.ts';
import { rewriteCommands, rewriteScript } from './engine-rewrite.ts';

/** What a registry command needs that just-bash does not know: the simulation, user, abort signal. */
export type SpecContextFactory = (args: string[], stdin: string, cwd: string) => Omit<CommandContext, 'out' | 'err'>;

/** What reaches the terminal from one line. Pipes and files are not bound by it. */
export const OUTPUT_LIMIT = 1024 * 1024;
/** The most commands one line may run: what ends `while true; do …; done` (about half a second). */
export const COMMAND_BUDGET = 10_000;
/** Brace expansion beyond this is refused the way bash refuses an allocation it cannot make. */
export const BRACE_LIMIT = 100_000;

/**
 * Budgets. just-bash runs builtin-only loops (`while true; do :; done`)
 * without ever yielding to the event loop; engine-rewrite.ts gives them host
 * turns so Ctrl-C lands, and the command budget (deterministic, unlike a
 * wall-clock deadline) is what ends one nobody stops. Everything else is sized for a week
 * of logs (tens of MB through grep | awk | sort): just-bash charges `seq`
 * and grep's matching work to maxLoopIterations, so that one is large and
 * bash loops are bounded by the command count instead.
 */
const LIMITS = {
  maxExecutionTimeMs: 2 ** 31 - 1,
  maxOutputSize: 256 * OUTPUT_LIMIT,
  maxCommandCount: COMMAND_BUDGET,
  maxLoopIterations: 100_000_000,
  maxAwkIterations: 10_000_000,
  maxSedIterations: 1_000_000,
  maxStringLength: 256 * OUTPUT_LIMIT,
  maxBraceExpansionResults: BRACE_LIMIT,
  maxCallDepth: 100,
};

/**
 * Interpreters this lab's hosts do not have. just-bash's Node bundle has
 * sqlite3 and its browser bundle has not; one shell for both, so neither has it.
 */
const ABSENT = ['python3', 'python', 'sqlite3', 'node', 'js-exec', 'html-to-markdown'];
/** just-bash tools that do the heavy lifting over logs: the shell lets the page breathe before each. */
const HEAVY = ['cat', 'sed', 'sort', 'wc', 'head', 'tail', 'cut', 'tr', 'tac', 'seq', 'xargs', 'tee', 'rev', 'nl', 'paste', 'column', 'join', 'comm', 'diff'];


export function isInteractive(spec: CommandSpec, args: string[]): boolean {
  return typeof spec.interactive === 'function' ? spec.interactive(args) : !!spec.interactive;
}

export type EngineOptions = {
  sleep: (ms: number) => Promise<void>;
  host: HostPort;
  /** The virtual clock's time (`time` reports it). */
  now: () => number;
  /** Told of every file a command reads (look evidence). */
  onRead?: (path: string) => void;
};

function asBashCommand(spec: CommandSpec, context: SpecContextFactory, host: HostPort): CustomCommand {
  return defineCommand(spec.name, async (args, ctx) => {
    if (isInteractive(spec, args) && !spec.stdinCapable) {
      return { stdout: '', stderr: `relaylab: ${spec.name} needs the terminal: run it on a line of its own\n`, exitCode: 1 };
    }
    // A loop of registry commands (dig, swaks…) gives the page a turn each time: Ctrl-C can land.
    await host.yield();
    if (ctx.signal?.aborted) return { stdout: '', stderr: '', exitCode: 130 };
    let stdout = '';
    let stderr = '';
    const base = context(args, typeof ctx.stdin === 'string' ? ctx.stdin : String(ctx.stdin ?? ''), ctx.cwd);
    const code = await spec.run({ ...base, out: (t) => (stdout += t), err: (t) => (stderr += t) });
    return { stdout, stderr, exitCode: code };
  });
}

/**
 * A just-bash tool that gives the host a turn before it runs (every
 * `period`-th run): between the stages of a pipeline over a big log, so the
 * page paints and Ctrl-C lands. echo and printf are left to just-bash: a
 * loop of them already gets its turns from the loop rewrite
 * (engine-rewrite.ts), and as custom commands every run paid just-bash's
 * custom-command wrapping (measured: `echo x` 1.1 → 0.37 ms a line, a
 * 3,000-run echo loop 1.25 → 0.35 s).
 */
function breathing(name: string, host: HostPort, period = 1): CustomCommand {
  let runs = 0;
  return defineCommand(name, async (args, ctx) => {
    if (++runs % period === 0) {
      await host.yield();
      if (ctx.signal?.aborted) return { stdout: '', stderr: '', exitCode: 130 };
    }
    return ctx.origCommand!(args);
  });
}

/**
 * Lines per chunk when a line-by-line tool runs over a big input: a few
 * milliseconds of just-bash's grep or awk each, so no task of the page grows
 * long; between chunks the page gets a turn when it is due one.
 */
const CHUNK_LINES = 1_000;
/** Inputs smaller than this run in one piece (a chunk costs one more exec). */
const CHUNK_THRESHOLD = 256 * 1024;
const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/** How a line-by-line tool's run can be cut: the command without its input operand, and that file (none: stdin). */
type ChunkPlan = { command: string; file?: string };

/**
 * A tool whose output for each line depends on that line alone (grep
 * without counts or context, a stateless awk program), run over a big file
 * or stdin in chunks of whole lines, with a host turn between them: one
 * just-bash run over a week of logs would hold the page for the whole of it.
 * The output is the chunks' outputs in order, byte for byte the one-shot
 * run's (tests/unit/shell/logs-at-scale.test.ts). `plan` answers undefined
 * for every form it cannot cut; those run as they are.
 */
function chunked(name: string, host: HostPort, plan: (args: string[]) => ChunkPlan | undefined, matchStatus: boolean): CustomCommand {
  let inner = 0;
  return defineCommand(name, async (args, ctx) => {
    await host.yield();
    if (ctx.signal?.aborted) return { stdout: '', stderr: '', exitCode: 130 };
    if (inner > 0 || !ctx.exec) return ctx.origCommand!(args);
    const p = plan(args);
    if (!p) return ctx.origCommand!(args);
    // Bytes throughout (just-bash's latin1-shaped strings): a text result would be UTF-8 encoded
    // again on its way down the pipe, one char at a time (measured: seconds of GC for 4 MB).
    let text: string;
    if (p.file === undefined) text = String(ctx.stdin ?? '');
    else {
      try {
        text = String(await ctx.fs.readFileBytes!(ctx.fs.resolvePath(ctx.cwd, p.file)));
      } catch {
        return ctx.origCommand!(args);
      }
    }
    if (text.length < CHUNK_THRESHOLD) return ctx.origCommand!(args);
    // ASCII output (logs) goes on as bytes without a copy; 8-bit output as decoded text, since a
    // redirect writes a byte string into the host's text files as it is.
    const bytes = (stdout: string) =>
      /^[\x00-\x7f]*$/.test(stdout)
        ? { stdout, stdoutKind: 'bytes' as const, stdoutEncoding: 'binary' as const }
        : { stdout: new TextDecoder().decode(Uint8Array.from(stdout, (c) => c.charCodeAt(0))), stdoutKind: 'text' as const };
    let stdout = '';
    let stderr = '';
    let matched = false;
    inner++;
    try {
      for (let at = 0; at < text.length; ) {
        let end = at;
        for (let n = 0; n < CHUNK_LINES && end < text.length; n++) {
          const nl = text.indexOf('\n', end);
          end = nl < 0 ? text.length : nl + 1;
        }
        const r = await ctx.exec(p.command, { cwd: ctx.cwd, stdin: text.slice(at, end), stdinKind: 'bytes' });
        stdout += r.stdoutKind === 'bytes' || r.stdoutEncoding === 'binary' ? r.stdout : latin1Bytes(r.stdout);
        stderr += r.stderr;
        if (matchStatus ? r.exitCode > 1 : r.exitCode !== 0) return { ...bytes(stdout), stderr, exitCode: r.exitCode };
        matched ||= r.exitCode === 0;
        at = end;
        if (!host.due || host.due()) await host.yield();
        if (ctx.signal?.aborted) return { ...bytes(stdout), stderr, exitCode: 130 };
      }
    } finally {
      inner--;
    }
    return { ...bytes(stdout), stderr, exitCode: matchStatus && !matched ? 1 : 0 };
  });
}

/** The command line again, without the operand at `skip`. */
function without(name: string, args: string[], skip: number): string {
  return [name, ...args.filter((_, i) => i !== skip).map(quote)].join(' ');
}

const GREP_FLAGS = /^-[EFGPivwxoisy]+$/;

/** grep over one file or stdin, in the forms whose output is the same chunk by chunk (no counts, line numbers, context, file names or -m). */
function grepPlan(name: string) {
  return (args: string[]): ChunkPlan | undefined => {
    const operands: number[] = [];
    let pattern = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-e' && i + 1 < args.length) {
        pattern = true;
        i++;
      } else if (GREP_FLAGS.test(a) || a.startsWith('--color')) continue;
      else if (a.startsWith('-') && a !== '-') return undefined;
      else operands.push(i);
    }
    const files = pattern ? operands : operands.slice(1);
    if (!pattern && operands.length === 0) return undefined;
    if (files.length === 0) return { command: without(name, args, -1) };
    if (files.length !== 1 || args[files[0]!] === '-') return undefined;
    return { command: without(name, args, files[0]!), file: args[files[0]!] };
  };
}

/** awk built-ins a stateless program may call: each depends on its arguments alone. */
const AWK_PURE = new Set(['print', 'printf', 'NF', 'length', 'substr', 'index', 'tolower', 'toupper', 'sprintf', 'int']);

/**
 * Whether an awk program's output for a line depends on that line alone:
 * rules of patterns and print/printf over fields and pure built-ins — no
 * BEGIN/END, variables (NR, assignments, arrays), getline, next/exit,
 * output redirection or pipes. Strings and regular expressions are set
 * aside first (a `/` after an operand is division).
 */
export function statelessAwk(program: string): boolean {
  let bare = '';
  let depth = 0;
  for (let i = 0; i < program.length; i++) {
    const c = program[i]!;
    if (c === '"' || (c === '/' && /(^|[{};(!~,&|])\s*$/.test(bare))) {
      let j = i + 1;
      while (j < program.length && program[j] !== c) j += program[j] === '\\' ? 2 : 1;
      if (j >= program.length) return false;
      bare += c === '"' ? '""' : '//';
      i = j;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    // Inside an action `>` and `|` redirect output; in a pattern `>` compares.
    if (depth > 0 && (c === '>' || (c === '|' && program[i + 1] !== '|' && program[i - 1] !== '|'))) return false;
    bare += c;
  }
  if (depth !== 0) return false;
  // Comparisons aside, any `=` assigns; `++`, `--` and `[` (arrays) keep state too.
  if (/=|\+\+|--|\[/.test(bare.replace(/[=!<>]=/g, '  '))) return false;
  return (bare.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).every((w) => AWK_PURE.has(w));
}

/** awk '<stateless program>' [-F sep] over one file or stdin. */
function awkPlan(args: string[]): ChunkPlan | undefined {
  let program: number | undefined;
  const operands: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (program === undefined && a === '-F' && i + 1 < args.length) i++;
    else if (program === undefined && /^-F./.test(a)) continue;
    else if (program === undefined && a.startsWith('-')) return undefined;
    else if (program === undefined) program = i;
    else if (a.includes('=') || a === '-') return undefined;
    else operands.push(i);
  }
  if (program === undefined || operands.length > 1 || !statelessAwk(args[program]!)) return undefined;
  if (operands.length === 0) return { command: without('awk', args, -1) };
  return { command: without('awk', args, operands[0]!), file: args[operands[0]!] };
}

function absent(name: string): CustomCommand {
  return defineCommand(name, async () => ({ stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 }));
}

/**
 * GNU uniq -c right-aligns counts in 7 columns ("      2 a"); just-bash uses 4.
 * Admins read and paste these top-talker lists, so the layout is kept GNU's.
 */
function gnuUniq(host: HostPort): CustomCommand {
  return defineCommand('uniq', async (args, ctx) => {
    await host.yield();
    const result = await ctx.origCommand!(args);
    const counting = args.some((a) => /^-[a-zA-Z]*c/.test(a) || a === '--count');
    if (!counting || typeof result.stdout !== 'string') return result;
    return { ...result, stdout: result.stdout.replace(/^ *(\d+) /gm, (_m, n: string) => `${n.padStart(7)} `) };
  });
}

export function createBash(machine: Machine, specs: CommandSpec[], context: SpecContextFactory, opts: EngineOptions): Bash {
  const registry = specs.filter((s) => s.engine !== 'bash');
  const taken = new Set(registry.map((s) => s.name));
  const custom = [
    ...registry.map((s) => asBashCommand(s, context, opts.host)),
    ...HEAVY.filter((n) => !taken.has(n)).map((n) => breathing(n, opts.host)),
    ...['grep', 'egrep', 'fgrep'].filter((n) => !taken.has(n)).map((n) => chunked(n, opts.host, grepPlan(n), true)),
    ...(taken.has('awk') ? [] : [chunked('awk', opts.host, awkPlan, false)]),
    gnuUniq(opts.host),
    ...ABSENT.map(absent),
    ...rewriteCommands(opts.now, opts.host),
  ];
  const bash = new Bash({
    fs: new HostBashFs(machine.fs, opts.onRead),
    cwd: '/',
    customCommands: custom,
    commands: getCommandNames().filter((n) => !ABSENT.includes(n)) as never,
    executionLimits: LIMITS,
    // The sandbox's defence patches Promise.then and timers for untrusted
    // extensions; here every command is our own, and the patches would block
    // the host turns above and triple the cost of every loop (measured).
    defenseInDepth: false,
    sleep: opts.sleep,
    processInfo: { pid: 4242, ppid: 4241, uid: 0, gid: 0 },
  });
  // `time` on the virtual clock, and loops that let Ctrl-C land (engine-rewrite.ts).
  bash.registerTransformPlugin({ name: 'relaylab', transform: ({ ast }) => ({ ast: rewriteScript(ast) }) });
  return bash;
}

/**
 * How many words `{a..b}` / `{a..b..step}` ranges in `line` would expand to
 * (the largest single range), outside quotes. just-bash stops at its limit
 * silently; bash would try and fail loudly, so the runner refuses first.
 */
export function braceRangeSize(line: string): number {
  let biggest = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c !== '{') continue;
    const m = /^\{(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?\}/.exec(line.slice(i));
    if (!m) continue;
    const a = /\d/.test(m[1]!) ? Number(m[1]) : m[1]!.charCodeAt(0);
    const b = /\d/.test(m[2]!) ? Number(m[2]) : m[2]!.charCodeAt(0);
    const step = Math.abs(Number(m[3] ?? 1)) || 1;
    biggest = Math.max(biggest, Math.floor(Math.abs(b - a) / step) + 1);
  }
  return biggest;
}

/** just-bash's limit messages, said so a learner knows what happened and that the shell is fine. */
export function explainLimits(stderr: string): string {
  if (/too many commands executed|too many iterations|iterations exceeded|iteration limit|loop iterations|work limit/i.test(stderr)) {
    return 'relaylab: stopped a runaway command (too many steps). The shell is fine; press Ctrl-C to stop long commands.\n';
  }
  // just-bash's parser refuses scripts over its source limit (a huge paste at the prompt).
  if (/Input too large/i.test(stderr)) return 'relaylab: that line is too long to run (over 1 MB)\n';
  if (/output size (limit )?exceeded/i.test(stderr)) return 'relaylab: stopped a command whose output grew past 256 MB\n';
  if (/string length|maxStringLength/i.test(stderr)) return 'relaylab: stopped a command that built a string over 256 MB\n';
  return '';
}

/**
 * just-bash's other errors that name its API, in bash's own words:
 * `f: maximum recursion depth (100) exceeded, increase executionLimits.maxCallDepth`
 * is what bash says with FUNCNEST=100.
 */
export function bashWords(stderr: string): string {
  // The pattern is slow over long output (lazy prefix, every line): most lines have nothing to reword.
  if (!stderr.includes('maximum recursion depth') && !stderr.includes(', increase executionLimits.')) return stderr;
  return stderr
    .replace(/^(.*?)([^\s:]+): maximum recursion depth \((\d+)\) exceeded.*$/gm, '$1$2: maximum function nesting level exceeded ($3)')
    .replace(/, increase executionLimits\.\w+/g, '');
}
