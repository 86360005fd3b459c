/**
 * Postfix smtpd reply texts in one place, and the translation from
 * smtp-server's own wording (`250 Accepted`, `503 Error: need MAIL command`)
 * to what a learner would see from a real Postfix 3.7.
 */
import type { EffectiveConfig } from './effective.ts';

export const REPLIES = {
  heloSyntax: '501 Syntax: HELO hostname',
  ehloSyntax: '501 Syntax: EHLO hostname',
  mailOk: '250 2.1.0 Ok',
  rcptOk: '250 2.1.5 Ok',
  data: '354 End data with <CR><LF>.<CR><LF>',
  quit: '221 2.0.0 Bye',
  ok: '250 2.0.0 Ok',
  needMail: '503 5.5.1 Error: need MAIL command',
  needRcpt: '503 5.5.1 Error: need RCPT command',
  /** DATA inside a transaction whose every RCPT was refused. */
  noValidRecipients: '554 5.5.1 Error: no valid recipients',
  nestedMail: '503 5.5.1 Error: nested MAIL command',
  needHelo: '503 5.5.1 Error: send HELO/EHLO first',
  mailSyntax: '501 5.5.4 Syntax: MAIL FROM:<address>',
  rcptSyntax: '501 5.5.4 Syntax: RCPT TO:<address>',
  badSender: '501 5.1.7 Bad sender address syntax',
  badRecipient: '501 5.1.3 Bad recipient address syntax',
  /** fidelity.md wording. */
  unknownCommand: '500 5.5.2 Error: command not recognized',
  badUtf8: '500 5.5.2 Error: bad UTF-8 syntax',
  sizeExceeded: '552 5.3.4 Message size exceeds fixed limit',
  tooManyRecipients: '452 4.5.3 Error: too many recipients',
  authOk: '235 2.7.0 Authentication successful',
  authRequired: '530 5.7.0 Authentication required',
  starttlsFirst: '530 5.7.0 Must issue a STARTTLS command first',
  authNotEnabled: '503 5.5.1 Error: authentication not enabled',
  alreadyAuthenticated: '503 5.5.1 Error: already authenticated',
  authMechanism: '535 5.7.8 Error: authentication failed: Invalid authentication mechanism',
  tlsReady: '220 2.0.0 Ready to start TLS',
  tlsActive: '554 5.5.1 Error: TLS already active',
  starttlsSyntax: '501 5.5.4 Syntax: STARTTLS',
  /** Postfix's answer to a smtpd_forbidden_commands line (an HTTP request, a header line sent as a command). */
  nonSmtp: '221 2.7.0 Error: I can break rules, too. Goodbye.',
  configError: '451 4.3.5 Server configuration error',
  /** RFC 3030 BDAT (recorded on Postfix 3.7: tests/fixtures/postfix/bdat.json). A malformed BDAT hangs up: where its chunk ends is unknown. */
  bdatSyntax: '521 5.5.4 Syntax: BDAT count [LAST]',
  bdatNull: '551 5.7.1 Null BDAT request',
  bdatTooBig: '552 5.3.4 Chunk exceeds message size limit',
  mailAfterBdat: '503 5.5.1 Error: MAIL after BDAT',
  rcptAfterBdat: '503 5.5.1 Error: RCPT after BDAT',
  dataAfterBdat: '503 5.5.1 Error: DATA after BDAT',
} as const;

/** A chunk read and thrown away because an earlier BDAT of the transaction failed. */
export function bdatDiscarded(bytes: number): string {
  return `551 5.0.0 Discarded ${bytes} bytes after earlier error`;
}

export function authFailed(reason = 'authentication failure'): string {
  return `535 5.7.8 Error: authentication failed: ${reason}`;
}

export function queued(queueId: string): string {
  return `250 2.0.0 Ok: queued as ${queueId}`;
}

export function greeting(config: EffectiveConfig): string {
  return `220 ${config.get('smtpd_banner')}`;
}

export function timeout(hostname: string): string {
  return `421 4.4.2 ${hostname} Error: timeout exceeded`;
}

export function tooManyErrors(hostname: string): string {
  return `421 4.7.0 ${hostname} Error: too many errors`;
}

/** smtpd_forbid_bare_newline = yes (Postfix 3.9 and the 3.5-3.8 backports). */
export function bareNewline(hostname: string): string {
  return `521 5.5.2 ${hostname} Error: bare <LF> received`;
}

/** VRFY on a deliverable name: Postfix answers 252 and echoes it. */
export function vrfyReply(arg: string): string {
  return `252 2.0.0 ${arg}`;
}

/**
 * EHLO feature lines in Postfix order. STARTTLS appears only when TLS is
 * offered and not yet active; AUTH only when SASL is on and (with
 * smtpd_tls_auth_only) TLS is active.
 */
export function ehloLines(config: EffectiveConfig, state: { tls?: boolean; mechanisms?: readonly string[] } = {}): string[] {
  const tlsLevel = config.get('smtpd_tls_security_level');
  const size = config.num('message_size_limit');
  const features = ['PIPELINING', size > 0 ? `SIZE ${size}` : 'SIZE'];
  if (!config.bool('disable_vrfy_command')) features.push('VRFY');
  features.push('ETRN');
  if ((tlsLevel === 'may' || tlsLevel === 'encrypt') && !state.tls) features.push('STARTTLS');
  if (config.bool('smtpd_sasl_auth_enable') && (!config.bool('smtpd_tls_auth_only') || state.tls)) {
    const mechs = (state.mechanisms ?? ['PLAIN', 'LOGIN']).join(' ');
    features.push(`AUTH ${mechs}`);
    if (config.bool('broken_sasl_auth_clients')) features.push(`AUTH=${mechs}`);
  }
  features.push('ENHANCEDSTATUSCODES', '8BITMIME', 'DSN');
  if (config.bool('smtputf8_enable')) features.push('SMTPUTF8');
  features.push('CHUNKING');
  const all = [config.get('myhostname'), ...features];
  return all.map((f, i) => `250${i === all.length - 1 ? ' ' : '-'}${f}`);
}

export type SmtpCommand =
  | 'GREETING' | 'HELO' | 'EHLO' | 'MAIL' | 'RCPT' | 'DATA' | 'DATA_END' | 'RSET' | 'NOOP' | 'VRFY' | 'QUIT'
  | 'AUTH' | 'STARTTLS' | 'HELP' | 'UNKNOWN' | 'OTHER';

export interface TranslateContext {
  readonly command: SmtpCommand;
  readonly hostname?: string;
  readonly queueId?: string;
  /** VRFY argument / offending MAIL parameter. */
  readonly argument?: string;
}

const BY_TEXT: ReadonlyArray<[RegExp, string | ((c: TranslateContext) => string)]> = [
  [/^503 Error: need MAIL command/, REPLIES.needMail],
  [/^503 Error: need RCPT command/, REPLIES.needRcpt],
  [/^503 Error: nested MAIL command/, REPLIES.nestedMail],
  [/^503 Error: Mail transaction in progress/, REPLIES.nestedMail],
  [/^503 Error: send (HELO\/EHLO|LHLO) first/, REPLIES.needHelo],
  [/^50[02] Error: command not recognized/, REPLIES.unknownCommand],
  [/^501 Error: Bad sender address syntax/, REPLIES.badSender],
  [/^501 Error: Bad recipient address syntax/, REPLIES.badRecipient],
  [/^501 Error: (?:syntax|Syntax): HELO/, REPLIES.heloSyntax],
  [/^501 Error: (?:syntax|Syntax): EHLO/, REPLIES.ehloSyntax],
  [/^501 Error: Bad hostname syntax/, (c) => (c.command === 'HELO' ? REPLIES.heloSyntax : REPLIES.ehloSyntax)],
  [/^501 Error: Bad command parameter syntax/, (c) => (c.command === 'RCPT' ? REPLIES.rcptSyntax : c.argument ? `555 5.5.4 Unsupported option: ${c.argument}` : REPLIES.mailSyntax)],
  [/^552 Error: message exceeds fixed maximum message size/, REPLIES.sizeExceeded],
  [/^452 Error: too many recipients/, REPLIES.tooManyRecipients],
  [/^538 Error: Must issue a STARTTLS command first/, REPLIES.starttlsFirst],
  [/^530 /, REPLIES.authRequired],
  [/^550 Error: Not allowed/, REPLIES.authRequired],
  [/^504 Error: Unrecognized authentication type/, REPLIES.authMechanism],
  [/^503 Error: No identity changes permitted/, REPLIES.alreadyAuthenticated],
  [/^235 /, REPLIES.authOk],
  [/^535 /, () => authFailed()],
  [/^503 Error: TLS already active/, REPLIES.tlsActive],
  [/^501 Error: syntax: STARTTLS/, REPLIES.starttlsSyntax],
  [/^220 Ready to start TLS/, REPLIES.tlsReady],
  [/^421 HTTP requests not allowed/, REPLIES.nonSmtp],
  [/^421 Timeout/, (c) => timeout(c.hostname ?? 'localhost')],
  [/^421 Error: too many (unrecognized|unauthenticated) commands/, (c) => tooManyErrors(c.hostname ?? 'localhost')],
  [/^451 Error: internal server error/, REPLIES.configError],
  [/^354 /, REPLIES.data],
  [/^221 /, REPLIES.quit],
  [/^252 /, (c) => vrfyReply(c.argument ?? '')],
  [/^501 Error: Syntax: VRFY/, '501 5.5.4 Syntax: VRFY address'],
  // smtp-server's SASL texts, should an exchange ever reach it (the proxy runs AUTH itself).
  [/^501 Authentication aborted/, '501 5.7.0 Authentication aborted'],
  [/^501 Error: (invalid userdata|missing username)/, () => authFailed('bad protocol / cancel')],
  [/^501 Error: syntax: AUTH/, '501 5.5.4 Syntax: AUTH mechanism'],
  [/^500 (You are no wizard|Mere mortals|Error: Invoking shell|Can not kill Mom)/, REPLIES.unknownCommand],
  [/^501 Error: (duplicate \S+ parameter|\S+ parameter requires a value|NOTIFY|Bad ORCPT)/, (c) => (c.command === 'RCPT' ? REPLIES.rcptSyntax : REPLIES.mailSyntax)],
  [/^421 Server shutting down/, (c) => `421 4.3.2 ${c.hostname ?? 'localhost'} Service shutting down`],
];

/** Postfix replies that carry no enhanced status code (RFC 2034 leaves these out). */
const PLAIN_POSTFIX = /^(220 |250[ -]|334 |354 |501 Syntax: (HELO|EHLO) hostname$)/;

/**
 * Turn an smtp-server reply into Postfix's line. Replies that already carry an
 * enhanced code (ours, from decideRecipient) pass through unchanged.
 */
export function translateReply(code: number, text: string, ctx: TranslateContext): string {
  const line = `${code} ${text}`;
  if (/^\d{3} [245]\.\d{1,3}\.\d{1,3} /.test(line)) return line;
  if (code === 250) {
    if (ctx.command === 'MAIL') return REPLIES.mailOk;
    if (ctx.command === 'RCPT') return REPLIES.rcptOk;
    if (ctx.command === 'DATA_END' || ctx.command === 'DATA') return ctx.queueId ? queued(ctx.queueId) : '250 2.0.0 Ok';
    if (ctx.command !== 'HELO' && ctx.command !== 'EHLO') return REPLIES.ok;
  }
  if (ctx.command === 'HELP' && code === 214) return REPLIES.unknownCommand;
  for (const [re, out] of BY_TEXT) if (re.test(line)) return typeof out === 'string' ? out : out(ctx);
  // Every smtp-server text is mapped above; should a new release add one, it still gets an enhanced code.
  if (PLAIN_POSTFIX.test(line) || code < 200) return line;
  return `${code} ${Math.floor(code / 100)}.0.0 ${text}`;
}
