/**
 * Text parsers for /etc/postfix/main.cf and master.cf. They keep physical
 * line numbers so postconf -e can rewrite a parameter in place and errors can
 * name the line, as Postfix does. Parsing never throws: problems come back as
 * diagnostics with Postfix's wording.
 */
export const MAIN_CF = '/etc/postfix/main.cf';
export const MASTER_CF = '/etc/postfix/master.cf';

export interface Diagnostic {
  readonly severity: 'warning' | 'fatal';
  /** The text after `program: severity: `, e.g. `/etc/postfix/main.cf: unused parameter: foo=bar`. */
  readonly message: string;
}

/** `postconf: warning: ...` / `postfix/smtpd[123]: fatal: ...` style line. */
export function formatDiagnostic(d: Diagnostic, program = 'postconf'): string {
  return `${program}: ${d.severity}: ${d.message}`;
}

export interface MainCfEntry {
  readonly name: string;
  readonly value: string;
  /** 1-based physical line where the logical line starts, and where it ends (continuations). */
  readonly firstLine: number;
  readonly lastLine: number;
}

export interface ParsedMainCf {
  readonly entries: MainCfEntry[];
  /** Last definition wins, as in Postfix. */
  readonly params: Map<string, string>;
  readonly diagnostics: Diagnostic[];
}

interface LogicalLine {
  text: string;
  first: number;
  last: number;
}

/**
 * Postfix readlline(): `#` lines are comments (also between continuation
 * lines), blank lines are skipped, a line starting with whitespace continues
 * the previous logical line.
 */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = text.split(/\r?\n/);
  physical.forEach((raw, i) => {
    const lineNo = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const prev = out[out.length - 1];
    if (/^\s/.test(raw) && prev) {
      prev.text += ' ' + trimmed;
      prev.last = lineNo;
    } else {
      out.push({ text: trimmed, first: lineNo, last: lineNo });
    }
  });
  return out;
}

export function parseMainCf(text: string, path = MAIN_CF): ParsedMainCf {
  const entries: MainCfEntry[] = [];
  const params = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const line of logicalLines(text)) {
    const m = /^([^=\s]*)\s*(=)?\s*(.*)$/.exec(line.text);
    const name = m?.[1] ?? '';
    // Postfix split_nameval() wording; the daemon treats these as fatal.
    if (name === '') {
      diagnostics.push({ severity: 'fatal', message: `${path}, line ${line.first}: missing attribute name: "${line.text}"` });
      continue;
    }
    if (!m?.[2]) {
      diagnostics.push({
        severity: 'fatal',
        message: `${path}, line ${line.first}: missing '=' after attribute name: "${line.text}"`,
      });
      continue;
    }
    const value = (m[3] ?? '').trim();
    entries.push({ name, value, firstLine: line.first, lastLine: line.last });
    params.set(name, value);
  }
  return { entries, params, diagnostics };
}

export interface MasterService {
  /** e.g. `smtp`, `submission`, `127.0.0.1:2525`. */
  readonly name: string;
  readonly type: string;
  readonly private: string;
  readonly unpriv: string;
  readonly chroot: string;
  readonly wakeup: string;
  readonly maxproc: string;
  /** Daemon name, e.g. `smtpd`. */
  readonly command: string;
  readonly args: string[];
  /** `-o key=value` overrides in order (later wins). */
  readonly overrides: Map<string, string>;
  readonly firstLine: number;
}

export interface ParsedMasterCf {
  readonly services: MasterService[];
  readonly diagnostics: Diagnostic[];
}

export function parseMasterCf(text: string, path = MASTER_CF): ParsedMasterCf {
  const services: MasterService[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const line of logicalLines(text)) {
    const f = line.text.split(/\s+/);
    if (f.length < 8) {
      diagnostics.push({ severity: 'fatal', message: `file ${path}: line ${line.first}: bad field count` });
      continue;
    }
    const [name, type, priv, unpriv, chroot, wakeup, maxproc, command, ...rest] = f as [
      string, string, string, string, string, string, string, string, ...string[],
    ];
    const overrides = new Map<string, string>();
    const args: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      let kv: string | undefined;
      if (a === '-o') kv = rest[++i];
      else if (a.startsWith('-o')) kv = a.slice(2);
      else {
        args.push(a);
        continue;
      }
      const eq = kv?.indexOf('=') ?? -1;
      if (!kv || eq <= 0) {
        diagnostics.push({ severity: 'fatal', message: `${path}: line ${line.first}: missing "=" in "-o ${kv ?? ''}"` });
        continue;
      }
      overrides.set(kv.slice(0, eq), kv.slice(eq + 1));
    }
    services.push({ name, type, private: priv, unpriv, chroot, wakeup, maxproc, command, args, overrides, firstLine: line.first });
  }
  return { services, diagnostics };
}

/** The stock Debian master.cf lines the lab starts from (smtpd on port 25 only). */
export const DEFAULT_MASTER_CF = `# service type  private unpriv  chroot  wakeup  maxproc command + args
smtp      inet  n       -       y       -       -       smtpd
pickup    unix  n       -       y       60      1       pickup
cleanup   unix  n       -       y       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
smtp      unix  -       -       y       -       -       smtp
local     unix  -       n       n       -       -       local
`;
