/**
 * The text behaviour of postconf(1): show parameters (all, named, -n, -d,
 * -h, -x), edit main.cf in place (-e) or remove settings (-X), and show
 * master.cf services (-M). Editing keeps every other line and comment, so a
 * learner's `postconf -e` leaves main.cf looking as it would on a real box.
 */
import { MAIN_CF, formatDiagnostic, logicalLines, parseMainCf, parseMasterCf } from './config.ts';
import { POSTFIX_DEFAULTS, isKnownParam } from './defaults.ts';
import { EffectiveConfig, loadConfig, type SystemInfo } from './effective.ts';

export interface PostconfInput {
  /** Arguments after `postconf`, already split by the shell. */
  readonly args: readonly string[];
  readonly mainCf: string;
  readonly masterCf?: string;
  readonly system: SystemInfo;
}

export interface PostconfResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** Present when main.cf was changed (-e, -X). */
  readonly newMainCf?: string;
}

const USAGE = 'postconf: fatal: usage: postconf [-c config_dir] [-C param_class] [-dfhnopvx] [parameter ...]\n';

/** Rewrite main.cf: replace each edited parameter's line (and its continuation lines) in place, append the rest. */
export function editMainCf(text: string, edits: ReadonlyMap<string, string | null>): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const starts = new Map<number, { name: string; last: number }>();
  for (const l of logicalLines(text)) {
    const name = /^([^=\s]+)\s*=/.exec(l.text)?.[1];
    if (name !== undefined) starts.set(l.first, { name, last: l.last });
  }
  const done = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const at = starts.get(i + 1);
    if (at && edits.has(at.name)) {
      const v = edits.get(at.name);
      if (v !== null && v !== undefined) out.push(`${at.name} = ${v}`);
      done.add(at.name);
      // Skip continuation lines, but keep comments that sat between them.
      for (let j = i + 1; j < at.last; j++) if (/^\s*#/.test(lines[j]!)) out.push(lines[j]!);
      i = at.last - 1;
      continue;
    }
    out.push(lines[i]!);
  }
  for (const [name, v] of edits) if (!done.has(name) && v !== null) out.push(`${name} = ${v}`);
  return out.length ? out.join('\n') + '\n' : '';
}

function parseEdit(arg: string): [string, string] | undefined {
  const m = /^\s*([^=\s]+)\s*=\s*(.*?)\s*$/.exec(arg);
  return m ? [m[1]!, m[2]!] : undefined;
}

export function postconf(input: PostconfInput): PostconfResult {
  const flags = new Set<string>();
  const names: string[] = [];
  for (const a of input.args) {
    if (/^-[A-Za-z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else names.push(a);
  }
  const bad = [...flags].find((f) => !'dehnxXMf'.includes(f));
  if (bad) return { stdout: '', stderr: `postconf: invalid option -- '${bad}'\n${USAGE}`, exitCode: 1 };

  if (flags.has('e') || flags.has('X')) {
    const edits = new Map<string, string | null>();
    for (const n of names) {
      if (flags.has('X')) edits.set(n.trim(), null);
      else {
        const kv = parseEdit(n);
        if (!kv) return { stdout: '', stderr: `postconf: fatal: -e requires name=value input, got: ${n}\n`, exitCode: 1 };
        edits.set(kv[0], kv[1]);
      }
    }
    return { stdout: '', stderr: '', exitCode: 0, newMainCf: editMainCf(input.mainCf, edits) };
  }

  if (flags.has('M')) {
    const master = parseMasterCf(input.masterCf ?? '');
    const rows = master.services
      .filter((s) => names.length === 0 || names.some((n) => n === s.name || n === `${s.name}/${s.type}`))
      .map((s) => {
        const cols = [s.name.padEnd(10), s.type.padEnd(5), s.private.padEnd(7), s.unpriv.padEnd(7), s.chroot.padEnd(7), s.wakeup.padEnd(7), s.maxproc.padEnd(7), s.command];
        const opts = [...s.overrides].map(([k, v]) => ` -o ${k}=${v}`).join('');
        return cols.join(' ') + (s.args.length ? ' ' + s.args.join(' ') : '') + opts;
      });
    return { stdout: rows.map((r) => r + '\n').join(''), stderr: master.diagnostics.map((d) => formatDiagnostic(d) + '\n').join(''), exitCode: 0 };
  }

  // A line without '=' is fatal to every program that reads main.cf (postconf -d does not read it).
  const syntax = flags.has('d') ? undefined : mainCfSyntaxError(input.mainCf);
  if (syntax) return { stdout: '', stderr: `postconf: fatal: ${syntax}\n`, exitCode: 1 };
  const loaded = loadConfig({ mainCf: input.mainCf, masterCf: input.masterCf, system: input.system });
  const explicit = parseMainCf(input.mainCf).params;
  const config = flags.has('d') ? new EffectiveConfig(new Map(), input.system) : loaded.config;
  let stderr = loaded.warnings.map((d) => formatDiagnostic(d) + '\n').join('');
  // postconf knows built-in parameters plus user-defined ones that something references.
  const unused = new Set(loaded.warnings.map((d) => /unused parameter: ([^=]+)=/.exec(d.message)?.[1]).filter(Boolean));
  const known = (n: string) => isKnownParam(n) || (explicit.has(n) && !unused.has(n));
  const show = (n: string) => {
    const raw = flags.has('d') ? config.defaultValue(n) ?? '' : config.raw(n) ?? '';
    const v = flags.has('x') ? config.expand(raw) : raw;
    return flags.has('h') ? `${v}\n` : v === '' ? `${n} =\n` : `${n} = ${v}\n`;
  };
  let stdout = '';
  if (names.length > 0) {
    for (const n of names) {
      if (known(n)) stdout += show(n);
      else stderr += `postconf: warning: ${n}: unknown parameter\n`;
    }
    return { stdout, stderr, exitCode: 0 };
  }
  const all = flags.has('n')
    ? [...explicit.keys()].filter(known)
    : [...new Set([...Object.keys(POSTFIX_DEFAULTS), ...(flags.has('d') ? [] : [...explicit.keys()].filter(known))])];
  for (const n of all.sort()) stdout += show(n);
  return { stdout, stderr: flags.has('d') ? '' : stderr, exitCode: 0 };
}

/** The fatal message of main.cf's first line that is not `name = value` (split_nameval), if any. */
export function mainCfSyntaxError(mainCf: string): string | undefined {
  return parseMainCf(mainCf).diagnostics.find((d) => d.severity === 'fatal')?.message;
}

export { MAIN_CF };
