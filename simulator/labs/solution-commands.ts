/**
 * Does every line of a lab's solution run where it is typed? The solution is
 * followed as the attempt types it (steps in order, one shell): `ssh HOST`
 * moves to HOST and `exit` comes back; `telnet HOST 25` / `nc [-C] HOST 25`
 * open an SMTP dialogue whose lines (up to QUIT, with a DATA body up to a
 * lone ".") are SMTP, not shell. Every other line is parsed by just-bash's own
 * parser — the engine that runs it — and each command it names must be a
 * registry command available on the current host, a just-bash command, or a
 * bash builtin.
 */
import { BashTransformPipeline, CommandCollectorPlugin, getCommandNames } from 'just-bash';
import type { Host } from '../net/topology.ts';
import { COMMANDS, commandsOn } from '../shell/commands/registry.ts';
import { isInteractive } from '../shell/bash-engine.ts';
import { splitWords } from '../shell/words.ts';
import type { Lab } from './schema.ts';
import { didYouMean, type LabWorld } from './lab-world.ts';
import { listShort } from '../grader/hosts.ts';
import type { FieldError } from './check-refs.ts';
import { seedFacts, stepLines } from './scenario.ts';
import { t } from '../i18n/t.ts';

/**
 * Builtins just-bash's interpreter implements (not in getCommandNames(), which
 * lists its commands); tests/unit/labs/lab-validation.test.ts asks just-bash's
 * `type` about each, so the list cannot claim one it lacks.
 */
export const BASH_BUILTINS = [
  ':', '.', '[', 'test', 'true', 'false', 'cd', 'export', 'exit', 'source', 'read', 'set', 'unset', 'local', 'return',
  'shift', 'eval', 'let', 'declare', 'typeset', 'readonly', 'break', 'continue', 'getopts', 'hash', 'mapfile',
  'readarray', 'shopt', 'dirs', 'pushd', 'popd', 'type', 'command', 'builtin', 'echo', 'printf', 'pwd', 'alias',
  'unalias', 'wait', 'trap', 'exec', 'umask', 'compgen', 'complete', 'help', 'history',
] as const;

/** Commands that change the session; the runner gives them the terminal only on a line of their own. */
const SESSION_COMMANDS = new Set(['ssh', 'exit', 'telnet', 'nc']);
const SMTP_PORTS = new Set(['25', '465', '587', 'smtp', 'submission', 'smtps']);
/** A line of plain words (no pipes, redirection, quotes…): what the runner runs directly. */
const PLAIN_LINE = /^[\w@.:/,+=-]+( +[\w@.:/,+=-]+)*$/;

let engineNames: ReadonlySet<string> | undefined;
const bashNames = () => (engineNames ??= new Set([...getCommandNames(), ...BASH_BUILTINS]));

/** Command names one shell line runs, by just-bash's parser; undefined when it cannot parse the line. */
export function commandsOfLine(line: string): string[] | { error: string } {
  try {
    return new BashTransformPipeline().use(new CommandCollectorPlugin()).transform(line).metadata.commands;
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Why `name` cannot run on `host`, or undefined when it can. */
function unavailable(name: string, host: Host, world: LabWorld): string | undefined {
  if (name.includes('$')) return undefined; // a command chosen at run time: nothing to check
  if (commandsOn(host).some((c) => c.name === name)) return undefined;
  const spec = COMMANDS.find((c) => c.name === name);
  if (spec?.availableOn) {
    if (bashNames().has(name)) return undefined;
    const where = [...new Set(world.hosts.filter((h) => spec.availableOn!(h)).map((h) => h.short))];
    return t('labs.solution.not-on-host', { name, host: host.short, where: where.length ? t('labs.solution.runs-elsewhere', { hosts: listShort(where, 3), first: where[0]! }) : '' });
  }
  if (bashNames().has(name)) return undefined;
  return t('labs.solution.not-a-command', { name, suggestion: didYouMean(name, [...COMMANDS.map((c) => c.name), ...bashNames()]) });
}

export function checkSolutionCommands(lab: Lab, world: LabWorld): FieldError[] {
  const out: FieldError[] = [];
  const start = world.host(lab.startHost);
  if (!start) return out; // reported as an unknown startHost
  const hosts: Host[] = [start];
  // What the next typed line goes to (an object: the closures below change it).
  const at: { mode: 'shell' | 'smtp' | 'data'; lastStep: number } = { mode: 'shell', lastStep: 0 };
  const total = lab.steps.reduce((n, s) => n + s.solution.length, 0);
  let typed = 0;
  // Seed-decided names ({{infected.1}}) are filled in with the seed the lab's world was built from (labWorld).
  const seed = lab.scenario.seed.policy === 'fixed' ? lab.scenario.seed.value : 1;

  lab.steps.forEach((step, s) => {
    stepLines(lab, step, seed).forEach((line, i) => {
      typed++;
      at.lastStep = s;
      const field = `steps[${s}].solution[${i}]`;
      const say = (message: string) => out.push({ field, message });
      const unknown = /\{\{([^}]*)\}\}/.exec(line);
      if (unknown) return say(t('labs.solution.unknown-seed-name', { placeholder: `{{${unknown[1]}}}`, known: Object.keys(seedFacts(lab, seed)).join(', ') || t('labs.solution.no-seed-names') }));
      const here = hosts[hosts.length - 1]!;
      if (at.mode === 'data') {
        if (line === '.') at.mode = 'smtp';
        return;
      }
      if (at.mode === 'smtp') {
        const verb = line.trim().split(/\s+/)[0]!.toUpperCase();
        if (verb === 'DATA') at.mode = 'data';
        else if (verb === 'QUIT') at.mode = 'shell';
        return;
      }
      if (line.trim() === '') return; // reported as an empty command
      const names = commandsOfLine(line);
      if (!Array.isArray(names)) return say(t('labs.solution.cannot-parse', { error: names.error }));
      for (const name of names) {
        const why = unavailable(name, here, world);
        if (why) say(why);
      }
      const session = names.find((n) => SESSION_COMMANDS.has(n));
      if (!session) {
        // Alone on a line a spec decides from its arguments (`tail -f`); in a pipeline only the always-interactive count.
        const args = names.length === 1 ? splitWords(line.trim()).words.slice(1) : undefined;
        const interactive = names.map((n) => commandsOn(here).find((c) => c.name === n)).find((c) => c && (args ? isInteractive(c, args) : c.interactive === true));
        if (interactive) say(t('labs.solution.interactive', { name: interactive.name }));
        return;
      }
      const { words } = splitWords(line.trim());
      if (names.length > 1 || !PLAIN_LINE.test(line.trim()) || words[0] !== session) {
        return say(t('labs.solution.own-line', { name: session }));
      }
      const args = words.slice(1).filter((a) => !a.startsWith('-'));
      if (session === 'ssh') {
        const target = args[args.length - 1];
        const host = target && world.host(target.includes('@') ? target.split('@')[1]! : target);
        if (!host) return say(t('labs.solution.unknown-ssh-host', { target: target ?? '', suggestion: didYouMean(target ?? '', world.hostNames), host: here.short }));
        hosts.push(host);
      } else if (session === 'exit') {
        if (hosts.length > 1) hosts.pop();
        else if (typed < total) say(t('labs.solution.exit-start-host', { host: here.short }));
      } else if (args.length >= 2 && SMTP_PORTS.has(args[args.length - 1]!)) {
        // HOST PORT come last (option values such as nc's `-w 5` may precede them).
        at.mode = 'smtp';
      }
    });
  });
  if (at.mode === 'data') {
    out.push({ field: `steps[${at.lastStep}].solution`, message: t('labs.solution.ends-in-data') });
  }
  return out;
}
