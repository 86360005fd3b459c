/**
 * Turns the real recording and the simulation's run of one case into comparable items
 * (one per step that produced something), normalising only what must differ between a
 * loopback Postfix and the simulated network: addresses, pids, queue ids, times, sizes
 * that depend on them, and the recording's own main.cf lines.
 */
import type { Case, Step } from './cases.ts';
import type { StepResult } from './fixture.ts';
import { RECORDING_ONLY_PARAMS, toSim } from './address-map.ts';
import { SIM_HOSTS } from './sim-player.ts';

export type Item = { key: string; value: string };

const QID = /\b[0-9A-F]{10,12}\b/g;

function common(text: string): string {
  return text
    .replace(QID, 'QID')
    .replace(/\[\d+\]:/g, '[PID]:')
    .replace(/\bpid \d+\b/g, 'pid N')
    .replace(/\bdelays?=[\d./]+/g, (m) => m.split('=')[0] + '=T')
    .replace(/\bsize=\d+/g, 'size=N')
    // The client's hostname: the simulation's DNS names its hosts, loopback has no names.
    .replace(/\b[\w.-]+\[(\d+\.\d+\.\d+\.\d+)\]/g, 'unknown[$1]')
    .replace(/\([\w.-]+ \[(\d+\.\d+\.\d+\.\d+)\]\)/g, '(unknown [$1])')
    // Times, each only in the exact form Postfix writes it: mbox "From " lines and
    // postqueue's arrival column (asctime), Received:/Date: stamps (mail_date).
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} [ \d]\d \d\d:\d\d:\d\d( \d{4})?/g, 'ASCTIME')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [ \d]\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000 \(UTC\)/g, 'MAILDATE');
}

/** A mail.log line without its stamp and host: `postfix/smtpd[PID]: …`. */
function logLine(l: string): string {
  return common(l.replace(/^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ /, ''));
}

/** smtpd's lines keep their order; other daemons (cleanup, qmgr, local) write when they get to it. */
function logValue(lines: string[]): string {
  const own = lines.map(logLine);
  const smtpd = own.filter((l) => /^postfix\/smtpd\[/.test(l));
  const rest = own.filter((l) => !/^postfix\/smtpd\[/.test(l)).sort();
  return [...smtpd, '--', ...rest].join('\n');
}

function postconfN(text: string): string {
  return text.split('\n').filter((l) => !RECORDING_ONLY_PARAMS.includes(l.split(' = ')[0]!)).join('\n');
}

function value(step: Step, r: StepResult): string | undefined {
  switch (r.kind) {
    case 'connect':
      return String(r.greeting);
    case 'send':
      return common(r.replies.join('\n~\n')) + (r.closed ? '\n[closed]' : '');
    case 'close':
      return logValue(r.log);
    case 'shell': {
      const cmd = step.kind === 'shell' ? step.cmd : '';
      const stdout = cmd === 'postconf -n' ? postconfN(r.stdout) : r.stdout;
      // postfix(1) writes to stderr only when it is a terminal; the recorder's is not, the learner's is.
      const stderr = cmd.startsWith('postfix ') ? '' : r.stderr;
      return `exit ${r.status}\n${common(stdout)}${common(stderr)}\nlog:\n${logValue(r.log)}`;
    }
    case 'battery':
      return `${r.verdict}\n${r.passed.join('\n')}`;
    case 'mailbox':
      return common(r.text);
    default:
      return undefined;
  }
}

function label(step: Step): string {
  switch (step.kind) {
    case 'connect': return `${step.conn} greeting`;
    case 'send': return `${step.conn} > ${step.lines[0]}${step.lines.length > 1 ? ` (+${step.lines.length - 1})` : ''}`;
    case 'close': return `${step.conn} log`;
    case 'shell': return `$ ${step.cmd}`;
    case 'battery': return `battery@${step.from}`;
    case 'mailbox': return `mailbox ${step.user}`;
    default: return step.kind;
  }
}

/** Items keyed `case label` (a repeated label gets #2, #3…). `real` maps loopback addresses back first. */
export function items(c: Case, results: StepResult[], real: boolean): Item[] {
  const seen = new Map<string, number>();
  const out: Item[] = [];
  c.steps.forEach((step, i) => {
    const r = results[i];
    if (!r) return;
    let v = value(step, r);
    if (v === undefined) return;
    if (real) {
      const from = step.kind === 'connect' || step.kind === 'send' || step.kind === 'close'
        ? (step.conn.endsWith('@lan') ? 'lan' : 'outside')
        : step.kind === 'battery' ? step.from : 'outside';
      v = toSim(v, { server: SIM_HOSTS[from].serverIp, lan: SIM_HOSTS.lan.ip, outside: SIM_HOSTS.outside.ip });
    }
    const base = `${c.id} ${label(step)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.push({ key: n > 1 ? `${base} #${n}` : base, value: v });
  });
  return out;
}
