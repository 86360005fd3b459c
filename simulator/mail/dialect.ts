/**
 * smtp-server speaks with its own texts ("250 Accepted"); learners must see
 * Postfix's. This rewrites each reply the engine sends into Postfix wording.
 */
export type DialectContext = {
  hostname: string;
  ehloFeatures: string[];
};

const EXACT: Record<string, string> = {
  '250 Accepted': '', // decided by the command: MAIL → 2.1.0, RCPT → 2.1.5
  '221 Bye': '221 2.0.0 Bye',
  '250 OK': '250 2.0.0 Ok',
  '500 Error: command not recognized': '500 5.5.2 Error: command not recognized',
  '503 Error: need MAIL command': '503 5.5.1 Error: need MAIL command',
  '503 Error: need RCPT command': '503 5.5.1 Error: need RCPT command',
  '503 Error: nested MAIL command': '503 5.5.1 Error: nested MAIL command',
  '501 Error: Bad sender address syntax': '501 5.1.7 Bad sender address syntax',
  '501 Error: Bad recipient address syntax': '501 5.1.3 Bad recipient address syntax',
  '501 Error: Syntax: HELO hostname': '501 Syntax: HELO hostname',
  '501 Error: syntax: EHLO hostname': '501 Syntax: EHLO hostname',
  '503 Error: send HELO/EHLO first': '503 5.5.1 Error: send HELO/EHLO first',
  '421 Timeout - closing connection': '421 4.4.2 {host} Error: timeout exceeded',
  '252 Try to send something. No promises though': '252 2.0.0 Send some mail, I\'ll try my best',
  '235 Authentication successful': '235 2.7.0 Authentication successful',
  '220 Ready to start TLS': '220 2.0.0 Ready to start TLS',
};

export function rewriteReplyBlock(block: string, lastCommand: string, ctx: DialectContext): string {
  const lines = block.split('\r\n').filter((l) => l.length > 0);
  if (lines.length === 0) return block;
  const first = lines[0]!;
  if (/^250[- ]/.test(first) && first.includes('Nice to meet you')) {
    if (lastCommand === 'HELO') return `250 ${ctx.hostname}\r\n`;
    const all = [ctx.hostname, ...ctx.ehloFeatures];
    return all.map((l, i) => `250${i === all.length - 1 ? ' ' : '-'}${l}`).join('\r\n') + '\r\n';
  }
  return lines.map((l) => rewriteLine(l, lastCommand, ctx)).join('\r\n') + '\r\n';
}

function rewriteLine(line: string, lastCommand: string, ctx: DialectContext): string {
  if (line === '250 Accepted') return lastCommand === 'RCPT' ? '250 2.1.5 Ok' : '250 2.1.0 Ok';
  const exact = EXACT[line];
  if (exact) return exact.replace('{host}', ctx.hostname);
  const queued = /^250 Ok: queued as (\w+)$/.exec(line);
  if (queued) return `250 2.0.0 Ok: queued as ${queued[1]}`;
  return line;
}
