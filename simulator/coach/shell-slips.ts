/**
 * Slips at the keyboard, the only mistakes read from what was typed (never
 * used to grade): SMTP verbs typed at the shell prompt, `telnet HOST` without
 * a port (confirmed by the port-23 connection in the event stream), and SMTP
 * commands typed inside a message body (the line client knows it is in DATA).
 */
import type { GraderEnv } from '../grader/grader-env.ts';
import { findCommand } from '../shell/commands/registry.ts';
import { splitWords } from '../shell/words.ts';

const SMTP_VERBS = new Set(['HELO', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'QUIT', 'RSET', 'VRFY', 'NOOP', 'AUTH', 'STARTTLS']);

/** The SMTP verb a prompt line starts with, when it is not also a command on that host (`mail` on ops is). */
export function smtpVerbAtPrompt(sim: GraderEnv, line: string, host: string): string | undefined {
  const first = /^\s*([A-Za-z]+)/.exec(line)?.[1];
  if (!first || !SMTP_VERBS.has(first.toUpperCase())) return undefined;
  const machine = sim.findHost(host);
  if (machine && findCommand(first, machine)) return undefined;
  return first.toUpperCase() === 'MAIL' && /^\s*mail\s+from:/i.test(line) ? 'MAIL FROM' : first.toUpperCase() === 'RCPT' && /^\s*rcpt\s+to:/i.test(line) ? 'RCPT TO' : first;
}

/** The host of `telnet HOST` typed without a port, else undefined. */
export function telnetWithoutPort(line: string): string | undefined {
  const { words, error } = splitWords(line.trim());
  if (error || words[0] !== 'telnet') return undefined;
  const args = words.slice(1).filter((w, i, a) => !w.startsWith('-') && a[i - 1] !== '-l');
  return args.length === 1 ? args[0] : undefined;
}

/** A line that is an SMTP command, as someone who forgot they are in DATA types it. */
const BODY_COMMAND = /^\s*(QUIT|RSET|DATA|NOOP|(?:HELO|EHLO|VRFY)(?:\s.*)?|(?:MAIL\s+FROM|RCPT\s+TO):.*)\s*$/i;

/**
 * One SMTP body at a time, as the line client reports it: `open` while lines
 * go into a body, `closed` after its lone dot (nc without -C stays in body
 * mode as far as the client knows, so a closed body only reopens once the
 * client has left it).
 */
export class BodyWatch {
  private state: 'none' | 'open' | 'closed' = 'none';
  private told = false;

  /** The typed line when it is an SMTP command that went into an open body (once per body). */
  line(line: string, inBody: boolean): string | undefined {
    if (!inBody) {
      this.state = 'none';
      return undefined;
    }
    if (this.state === 'closed') return undefined;
    if (this.state === 'none') {
      this.state = 'open';
      this.told = false;
    }
    if (line === '.') {
      this.state = 'closed';
      return undefined;
    }
    if (this.told || !BODY_COMMAND.test(line)) return undefined;
    this.told = true;
    return line.trim();
  }

  /** The program ended: true when a body was left open and nobody said so yet. */
  ended(): boolean {
    const open = this.state === 'open' && !this.told;
    this.state = 'none';
    this.told = false;
    return open;
  }
}
