/**
 * Two rewrites of every parsed line before just-bash runs it (a just-bash
 * transform plugin, so nothing is re-serialised: the tree that runs is the
 * tree the parser built, plus a few nodes):
 *
 * - `time PIPELINE` anywhere (`for …; do time relaytest …; done`,
 *   `{ time x; } 2>t`): just-bash's `time` reads the host's clock. The pipeline
 *   becomes `{ TIME start; PIPELINE; TIME end "$?"; }`: the report is taken on
 *   the virtual clock, goes to the group's stderr (as bash's follows the
 *   group's redirections) and the status is the pipeline's.
 * - Loops (`while`, `until`, `for`, `for ((…))`): just-bash runs a loop of
 *   builtins without ever yielding to the event loop, so Ctrl-C (a keypress in
 *   the page, a byte on the CLI's stdin) could not land until the command
 *   budget ended it. Each condition (for loops: each body) starts with
 *   `(( ++TURNS & 63 )) || TURN`: an arithmetic builtin costs microseconds, and
 *   every 64th run the custom command (a full command dispatch in just-bash,
 *   ~0.1 ms) gives the host a turn. That statement sets `$?`, so where the
 *   condition (or body) reads `$?` the exact form `TURN "$?"` runs every time
 *   instead, handing the status through.
 */
import type { CustomCommand } from 'just-bash';
import { defineCommand } from 'just-bash';
import type { HostPort } from '../core/host-port.ts';
import { timeReport } from './time-report.ts';

/** The commands the rewrite inserts (names no learner types). */
export const TIME_COMMAND = '__relaylab_time';
export const TURN_COMMAND = '__relaylab_turn';
/** The shell variable that counts loop runs (the runner does not carry it to the next line). */
export const TURN_COUNTER = '__relaylab_turns';
/** Loop runs between host turns (a power of two: the mask below): 64 runs of builtins take well under a millisecond. */
const TURN_PERIOD = 64;

type Node = { type: string; [k: string]: unknown };
type Word = Node;
type Statement = Node & { pipelines: Pipeline[] };
type Pipeline = Node & { commands: Node[]; negated: boolean; timed?: boolean; timePosix?: boolean };

const literal = (value: string): Word => ({ type: 'Word', parts: [{ type: 'Literal', value }] });
const status = (): Word => ({ type: 'Word', parts: [{ type: 'DoubleQuoted', parts: [{ type: 'ParameterExpansion', parameter: '?', operation: null }] }] });
const simple = (name: string, args: Word[]): Node => ({ type: 'SimpleCommand', name: literal(name), args, assignments: [], redirections: [] });
const pipeline = (commands: Node[]): Pipeline => ({ type: 'Pipeline', commands, negated: false, timed: false, timePosix: false });
const statement = (p: Pipeline): Statement => ({ type: 'Statement', pipelines: [p], operators: [], background: false });

const LOOPS = new Set(['While', 'Until', 'For', 'CStyleFor']);

/** `(( ++TURNS & 63 )) || TURN`, the cheap turn. */
function cheapTurn(): Statement {
  const counter = { type: 'ArithUnary', operator: '++', operand: { type: 'ArithVariable', name: TURN_COUNTER, hasDollarPrefix: false }, prefix: true };
  const masked = { type: 'ArithBinary', operator: '&', left: counter, right: { type: 'ArithNumber', value: TURN_PERIOD - 1 } };
  const arith = { type: 'ArithmeticCommand', expression: { type: 'ArithmeticExpression', expression: masked, originalText: `++${TURN_COUNTER} & ${TURN_PERIOD - 1}` }, redirections: [] };
  return { type: 'Statement', pipelines: [pipeline([arith]), pipeline([simple(TURN_COMMAND, [])])], operators: ['||'], background: false };
}

/** Whether `$?` is read anywhere in `node`. */
function readsStatus(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsStatus);
  if (!node || typeof node !== 'object') return false;
  const n = node as Node;
  if (n.type === 'ParameterExpansion' && n.parameter === '?') return true;
  return Object.values(n).some((v) => v && typeof v === 'object' && readsStatus(v));
}

/** Rewrites `ast` in place (children first, so inserted nodes are not visited). */
export function rewriteScript<T>(ast: T): T {
  visit(ast as unknown as Node);
  return ast;
}

function visit(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  if (n.type === 'Statement') {
    const s = n as Statement;
    s.pipelines = s.pipelines.map((p) => (p.timed ? timed(p) : p));
  } else if (LOOPS.has(n.type)) {
    // First in a while/until condition (its status is its last statement's), else first in the body.
    const list = (Array.isArray(n.condition) ? n.condition : n.body) as Statement[] | undefined;
    if (!list) return;
    list.unshift(readsStatus(list) ? statement(pipeline([simple(TURN_COMMAND, [status()])])) : cheapTurn());
  }
}

function timed(p: Pipeline): Pipeline {
  const end = simple(TIME_COMMAND, p.timePosix ? [literal('end-posix'), status()] : [literal('end'), status()]);
  // `time` alone times nothing (the parser gives one empty command).
  const empty = p.commands.length === 1 && p.commands[0]!.type === 'SimpleCommand' && !p.commands[0]!.name && !(p.commands[0]!.assignments as unknown[]).length;
  const inner: Pipeline = { ...p, timed: false, timePosix: false };
  const body = [statement(pipeline([simple(TIME_COMMAND, [literal('start')])])), ...(empty ? [] : [statement(inner)]), statement(pipeline([end]))];
  return pipeline([{ type: 'Group', body, redirections: [] }]);
}

/**
 * The two commands, per Bash. `now` is the virtual clock. Starts are a stack
 * (a `time` inside a timed loop); what a line stopped by a budget or Ctrl-C
 * leaves at its bottom is never read, since every end pops its own start.
 */
export function rewriteCommands(now: () => number, host: HostPort): CustomCommand[] {
  const starts: number[] = [];
  let runs = 0;
  const code = (arg: string | undefined) => {
    const n = Number(arg);
    return Number.isInteger(n) && n >= 0 && n <= 255 ? n : 0;
  };
  const time = defineCommand(TIME_COMMAND, async (args) => {
    if (args[0] === 'start') {
      starts.push(now());
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    const began = starts.pop() ?? now();
    return { stdout: '', stderr: timeReport(now() - began, args[0] === 'end-posix'), exitCode: code(args[1]) };
  });
  // With an argument (the exact form) it runs on every loop run and counts for itself; without, every 64th.
  const turn = defineCommand(TURN_COMMAND, async (args, ctx) => {
    if ((args.length === 0 || ++runs % TURN_PERIOD === 0) && host.due?.() !== false) {
      await host.yield();
      if (ctx.signal?.aborted) return { stdout: '', stderr: '', exitCode: 130 };
    }
    return { stdout: '', stderr: '', exitCode: code(args[0]) };
  });
  return [time, turn];
}
