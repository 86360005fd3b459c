/**
 * Every solution command must exist on the host where the solution types it
 * (issue 9, "Tests that can fail"): the validator follows ssh/exit and SMTP
 * dialogues through the lines, so a lab whose answer key cannot run is refused
 * before a test replays it — rather than skipped, as lab-solutions used to.
 */
import { describe, expect, it } from 'vitest';
import { Bash } from 'just-bash';
import { validateLab } from '../../../simulator/labs/validate.ts';
import { formatLabError } from '../../../simulator/labs/friendly-errors.ts';
import { BASH_BUILTINS, commandsOfLine } from '../../../simulator/labs/solution-commands.ts';

const FILE = 'labs/demo/lab.json';

/** A lab whose steps type these solutions (one array per step), from `startHost`. */
function errors(solutions: string[][], startHost = 'ops'): string[] {
  const steps = solutions.map((solution, i) => ({ id: `s${i}`, title: `S${i}`, text: 'one.mdx', checks: [{ kind: 'mailbox', user: 'bob' }], solution }));
  const def = { id: 'demo', title: 'Demo', audience: 'admin', minutes: 5, teaches: 'x', startHost, steps, summary: { learned: ['y'] } };
  return validateLab({ dir: 'demo', file: FILE, text: JSON.stringify(def), files: new Set(['one.mdx']) }).errors.map(formatLabError);
}

describe('solution commands exist where they run', () => {
  it('refuses a mail-host command typed on ops, and says where it runs', () => {
    expect(errors([['postconf -e mynetworks=10.0.0.0/24']])).toEqual([`${FILE}: steps[0].solution[0]: "postconf" does not exist on ops (it runs on mail: ssh mail first).`]);
  });

  it('follows ssh and exit, across steps', () => {
    expect(errors([['ssh mail', 'postconf mynetworks'], ['postfix reload', 'exit']])).toEqual([]);
    expect(errors([['ssh mail', 'exit'], ['postfix reload']])).toEqual([`${FILE}: steps[1].solution[0]: "postfix" does not exist on ops (it runs on mail: ssh mail first).`]);
    expect(errors([['ssh fw', 'iptables -L -n -v | grep 25', 'exit']])).toEqual([]);
    expect(errors([['iptables -L']])).toEqual([`${FILE}: steps[0].solution[0]: "iptables" does not exist on ops (it runs on fw: ssh fw first).`]);
    expect(errors([['ssh root@mail.corp.example', 'postqueue -p', 'exit']])).toEqual([]);
    expect(errors([['postqueue -p']], 'mail')).toEqual([]);
  });

  it('finds every command of a pipeline, loop or substitution with the shell engine\'s own parser', () => {
    expect(commandsOfLine("postqueue -p | awk '/^[0-9A-F]+ / {print $1}' | postsuper -d -")).toEqual(['awk', 'postqueue', 'postsuper']);
    expect(errors([['for h in mx.example.net outside; do dig +short $h | sort; done', 'echo $(hostname) && true']])).toEqual([]);
    expect(errors([['ps aux | grepp bot']])).toEqual([`${FILE}: steps[0].solution[0]: "grepp" is not a command of the lab's shell (did you mean grep?): the solution would stop at "command not found".`]);
    expect(errors([['for h in a b; do frobnicate $h; done']])).toEqual([
      `${FILE}: steps[0].solution[0]: "frobnicate" is not a command of the lab's shell: the solution would stop at "command not found".`,
    ]);
  });

  it('reads the lines of a telnet or nc SMTP dialogue as SMTP, DATA bodies included', () => {
    const dialogue = ['telnet mail.corp.example 25', 'EHLO me', 'MAIL FROM:<a@corp.example>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: QUIT smoking', 'QUIT', 'see above', '.', 'QUIT'];
    expect(errors([dialogue, ['ls']])).toEqual([]);
    expect(errors([['nc -C mail.corp.example 25', 'HELO me', 'QUIT', 'cat /etc/hosts']])).toEqual([]);
    expect(errors([['nc -C -w 5 mail.corp.example 587', 'EHLO me', 'QUIT']])).toEqual([]);
    // After QUIT the lines are shell again: an SMTP verb there is a command the shell lacks.
    expect(errors([['telnet mail.corp.example 25', 'QUIT', 'EHLO me']])[0]).toContain('steps[0].solution[2]: "EHLO" is not a command');
    // telnet without an SMTP port opens no dialogue.
    expect(errors([['telnet mail.corp.example', 'EHLO me']])[0]).toContain('steps[0].solution[1]: "EHLO" is not a command');
    expect(errors([['telnet mail.corp.example 25', 'EHLO me', 'DATA', 'Subject: x']])).toEqual([
      `${FILE}: steps[0].solution: the solution ends inside DATA: the message is never sent (end it with a line holding a lone ".", then QUIT).`,
    ]);
  });

  it('refuses lines that cannot run as written', () => {
    expect(errors([['ssh nowhere', 'ls']])).toEqual([`${FILE}: steps[0].solution[0]: ssh nowhere: no host of that name in the lab's network, so the lines after it would run on ops.`]);
    expect(errors([['ssh mail && postfix reload']])).toContain(`${FILE}: steps[0].solution[0]: ssh works only on a line of its own (the shell runs it with the terminal); split this line.`);
    expect(errors([['exit'], ['ls']])).toEqual([`${FILE}: steps[0].solution[0]: exit on ops, the start host, ends the session: the solution's lines after it never run.`]);
    expect(errors([['ls', 'exit']])).toEqual([]);
    expect(errors([['ssh mail', 'nano /etc/postfix/main.cf']])).toEqual([
      `${FILE}: steps[0].solution[1]: nano takes over the terminal until a key ends it; a solution cannot type into it (use a command that finishes, e.g. postconf -e instead of nano).`,
    ]);
    expect(errors([['ssh mail', 'tail -f /var/log/mail.log']])[0]).toContain('steps[0].solution[1]: tail takes over the terminal');
    expect(errors([['ssh mail', 'tail -n 5 /var/log/mail.log']])).toEqual([]);
    expect(errors([["echo 'unterminated"]])[0]).toMatch(/^labs\/demo\/lab\.json: steps\[0\]\.solution\[0\]: the shell cannot parse this line \(.+\)\.$/);
  });

  it('knows only bash builtins just-bash really has', async () => {
    const bash = new Bash();
    const says = await Promise.all(BASH_BUILTINS.map(async (b) => `${b}: ${(await bash.exec(`type ${b}`)).stdout.trim()}`));
    expect(says).toEqual(BASH_BUILTINS.map((b) => `${b}: ${b} is a shell builtin`));
  });
});
