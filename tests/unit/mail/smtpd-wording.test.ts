/**
 * smtp-server's own words never reach a learner: every path that used to
 * produce one (AUTH exchanges, its joke commands, parameter errors) answers
 * with Postfix's text, and every reply carries an enhanced status code where
 * Postfix gives one.
 */
import { describe, expect, it } from 'vitest';
import { b64 } from '../helpers/master-cf.ts';
import { translateReply } from '../../../simulator/postfix/index.ts';
import { enableSubmission, mailLog, open, password, sim } from './mail-helpers.ts';

/** Replies Postfix sends without an enhanced code: greeting, HELO/EHLO, SASL challenges, 354, HELO/EHLO syntax. */
const PLAIN = /^(220 |250[ -]|334 |354 |501 Syntax: (HELO|EHLO) hostname$)/;
const enhanced = (r: string) => r.split('\n').every((l) => /^\d{3}[ -][245]\.\d{1,3}\.\d{1,3} /.test(l) || PLAIN.test(l));

async function submission() {
  const s = sim();
  enableSubmission(s);
  const { c } = await open(s, 'ops.corp.example', 587);
  await c.send('EHLO ws01.corp.example');
  await c.send('STARTTLS');
  await c.send('EHLO ws01.corp.example');
  return { s, c };
}

describe("no smtp-server wording on the wire", () => {
  it('AUTH: every failure path answers as Postfix with Cyrus SASL', async () => {
    const { s, c } = await submission();
    const steps: Array<[string, string]> = [
      ['AUTH', '501 5.5.4 Syntax: AUTH mechanism'],
      ['AUTH PLAIN a b c', '501 5.5.4 Syntax: AUTH mechanism'],
      ['AUTH CRAM-MD5', '535 5.7.8 Error: authentication failed: Invalid authentication mechanism'],
      ['AUTH PLAIN !!!notbase64', '501 5.5.2 Invalid base64 data in initial response'],
      ['AUTH PLAIN ' + b64('no-nul-bytes'), '535 5.7.8 Error: authentication failed: bad protocol / cancel'],
      ['AUTH PLAIN', '334 '],
      ['*', '501 5.7.0 Authentication aborted'],
      ['AUTH PLAIN', '334 '],
      ['%%%', '501 5.5.2 Invalid base64 data in continued response'],
      ['AUTH LOGIN', '334 VXNlcm5hbWU6'],
      ['*', '501 5.7.0 Authentication aborted'],
      ['AUTH LOGIN', '334 VXNlcm5hbWU6'],
      [b64('alice'), '334 UGFzc3dvcmQ6'],
      ['*', '501 5.7.0 Authentication aborted'],
      ['AUTH LOGIN ' + b64('alice'), '334 UGFzc3dvcmQ6'],
      [b64('wrong'), '535 5.7.8 Error: authentication failed: authentication failure'],
      ['MAIL FROM:<alice@corp.example>', '250 2.1.0 Ok'],
      ['AUTH PLAIN ' + b64(`\0alice\0${password(s, 'alice')}`), '503 5.5.1 Error: MAIL transaction in progress'],
      ['RSET', '250 2.0.0 Ok'],
      ['AUTH PLAIN', '334 '],
      [b64(`\0alice\0${password(s, 'alice')}`), '235 2.7.0 Authentication successful'],
      ['AUTH LOGIN', '503 5.5.1 Error: already authenticated'],
    ];
    const got: Array<[string, string]> = [];
    for (const [line] of steps) got.push([line, await c.send(line)]);
    expect(got).toEqual(steps);
    expect(got.every(([, r]) => enhanced(r))).toBe(true);
    const log = mailLog(s);
    expect(log).toContain('warning: ops.corp.example[10.0.0.10]: SASL LOGIN authentication aborted');
    expect(log).toContain('warning: ops.corp.example[10.0.0.10]: SASL PLAIN authentication failed: bad protocol / cancel');
  });

  it('the same AUTH lines pasted at once get the same replies', async () => {
    const { s, c } = await submission();
    const lines = ['AUTH LOGIN', b64('alice'), '*', 'AUTH PLAIN', b64(`\0alice\0${password(s, 'alice')}`), 'NOOP'];
    c.socket.write(lines.map((l) => l + '\r\n').join(''));
    const got: string[] = [];
    for (let i = 0; i < 5; i++) got.push(await c.reply());
    expect(got).toEqual(['334 VXNlcm5hbWU6', '334 UGFzc3dvcmQ6', '501 5.7.0 Authentication aborted', '334 ', '235 2.7.0 Authentication successful']);
    expect(await c.reply()).toBe('250 2.0.0 Ok');
  });

  it("smtp-server's joke and extension commands are Postfix's unknown commands; odd parameters are Postfix's", async () => {
    const s = sim();
    const { c } = await open(s, 'outside.example.org');
    const replies: string[] = [];
    for (const line of ['WIZ', 'SHELL', 'KILL', 'HELP', 'EXPN root', 'XCLIENT ADDR=1.2.3.4', 'LHLO x', 'EHLO', 'HELO', 'EHLO [not a name', 'VRFY',
      'MAIL FROM:<a@example.org> SIZE=1 SIZE=2', 'RSET', 'MAIL FROM:<a@example.org> FOO=bar', 'MAIL FROM:<a@example.org>',
      'RCPT TO:<bob@corp.example> NOTIFY=SOMETIMES', 'RCPT TO:<bob@corp.example> ORCPT=x', 'RSET now', 'DATA now', 'DATA', 'hi', '.', 'NOOP', 'QUIT']) {
      replies.push(await c.send(line));
      if (replies.at(-1)!.startsWith('354')) {
        c.write('hi');
        replies.push(await c.send('.'));
        break;
      }
    }
    expect(replies.filter((r) => !enhanced(r))).toEqual([]);
    expect(replies.slice(0, 9)).toEqual([
      ...Array(7).fill('500 5.5.2 Error: command not recognized'),
      '501 Syntax: EHLO hostname',
      '501 Syntax: HELO hostname',
    ]);
    expect(replies[9]).toMatch(/^250-mail\.corp\.example\n/);
    expect(replies.slice(10)).toEqual([
      '501 5.5.4 Syntax: VRFY address', '250 2.1.0 Ok', '250 2.0.0 Ok', '555 5.5.4 Unsupported option: FOO=bar', '250 2.1.0 Ok',
      // RCPT's NOTIFY/ORCPT are not checked yet (Postfix would refuse bad values); the point here is no engine wording.
      '250 2.1.5 Ok', '250 2.1.5 Ok',
      '501 5.5.4 Syntax: RSET', '501 5.5.4 Syntax: DATA', '354 End data with <CR><LF>.<CR><LF>', expect.stringMatching(/^250 2\.0\.0 Ok: queued as /),
    ]);
  });

  it('translateReply gives every text smtp-server can produce an enhanced code', () => {
    const engineTexts = [
      [421, 'Server shutting down'], [421, 'mail You talk too soon'], [421, 'Error: too many unrecognized commands'],
      [503, 'Error: send HELO/EHLO first'], [530, 'Error: authentication Required'], [451, 'Error: internal server error'],
      [501, 'Error: Bad hostname syntax'], [221, 'Bye'], [250, 'OK'], [250, 'Flushed'], [214, 'See https://tools.ietf.org/html/rfc5321 for details'],
      [501, 'Error: Syntax: VRFY address'], [252, 'Try to send something. No promises though'], [550, 'Error: Not allowed'],
      [503, 'Error: Mail transaction in progress'], [501, 'Error: Bad command parameter syntax'], [501, 'Error: duplicate SIZE parameter'],
      [501, 'Error: SIZE parameter requires a value'], [501, 'Error: syntax: STARTTLS'], [503, 'Error: TLS already active'],
      [538, 'Error: Must issue a STARTTLS command first'], [503, 'Error: No identity changes permitted'], [504, 'Error: Unrecognized authentication type'],
      [501, 'Error: Bad sender address syntax'], [503, 'Error: nested MAIL command'], [501, 'Error: Bad recipient address syntax'],
      [503, 'Error: need MAIL command'], [501, 'Error: NOTIFY parameter must be NEVER, SUCCESS, FAILURE, or DELAY'],
      [501, 'Error: NOTIFY=NEVER cannot be combined with other values'], [501, 'Error: Bad ORCPT parameter syntax'], [452, 'Error: too many recipients'],
      [503, 'Error: need RCPT command'], [552, 'Error: message exceeds fixed maximum message size 10'], [500, 'You are no wizard!'],
      [500, 'Mere mortals must not mutter that mantra'], [500, 'Error: Invoking shell is not allowed. This incident will be reported.'], [500, 'Can not kill Mom'],
      [501, 'Error: syntax: AUTH PLAIN token'], [501, 'Error: syntax: AUTH LOGIN'], [501, 'Authentication aborted'], [501, 'Error: invalid userdata'],
      [501, 'Error: missing username'], [535, 'Error: Authentication credentials invalid'], [500, 'Error: command not recognized'], [421, 'Timeout - closing connection'],
      [421, 'HTTP requests not allowed'], [235, 'Authentication successful'], [220, 'Ready to start TLS'],
    ] as const;
    const commands = ['MAIL', 'RCPT', 'DATA', 'RSET', 'NOOP', 'AUTH', 'HELP', 'VRFY', 'QUIT', 'OTHER'] as const;
    const leaks: string[] = [];
    for (const [code, text] of engineTexts) {
      for (const command of commands) {
        const out = translateReply(code, text, { command, hostname: 'mail.corp.example' });
        if (!enhanced(out)) leaks.push(`${command}: ${out}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
