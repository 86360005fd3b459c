/**
 * Issue 10: `time` inside compound commands reports simulated time (just-bash's
 * own reads the host's clock), and a loop made only of builtins takes Ctrl-C —
 * in process (the page's path: keys go to session.input) and in the real CLI
 * on a terminal (`script` gives `relaylab shell` a pty).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { liveShell } from './live-shell.ts';

const report = (s: string) => `\nreal\t0m${s}s\nuser\t0m0.000s\nsys\t0m0.000s\n`;

describe('time inside compound commands', () => {
  it('each `time` in a loop reports the virtual time its command took', async () => {
    const sh = liveShell();
    expect(await sh.type('for i in 1 2; do time sleep 3; done')).toBe(report('3.000') + report('3.000'));
  });

  it('`{ time …; } 2>FILE` writes the report into the file, as bash does; -p is POSIX format', async () => {
    const sh = liveShell();
    expect(await sh.type('{ time sleep 1; } 2>/tmp/t; cat /tmp/t')).toBe(report('1.000'));
    expect(await sh.type('if true; then time -p sleep 2; fi')).toBe('real 2.00\nuser 0.00\nsys 0.00\n');
  });

  it('the timed pipeline keeps its status, negation included', async () => {
    const sh = liveShell();
    expect(await sh.type('{ time false; } 2>/dev/null; echo $?')).toBe('1\n');
    expect(await sh.type('{ time ! false; } 2>/dev/null; echo $?')).toBe('0\n');
  });

  it('the same script reports the same times on every run', async () => {
    const line = 'for h in mail.corp.example; do time relaytest $h | tail -1; done';
    expect(await liveShell().type(line)).toBe(await liveShell().type(line));
  });
});

describe('loops of builtins', () => {
  it('$? in a loop body is still the condition\'s status', async () => {
    const sh = liveShell();
    expect(await sh.type('until false; do echo $?; break; done')).toBe('1\n');
    // A condition that reads $? sees the status the previous command left.
    expect(await sh.type('false; until [ $? -eq 0 ]; do echo in; true; done')).toBe('in\n');
    // The loop counter is the shell's own, not the learner's.
    expect(await sh.type('env | grep -c relaylab')).toBe('0\n');
  });

  it('Ctrl-C stops `while true; do :; done` before the command budget does', async () => {
    const sh = liveShell();
    await sh.type('echo warm');
    sh.session.input('while true; do :; done\r');
    // A macrotask runs only when the loop gives the host a turn.
    await sh.sim.host.settle();
    expect(sh.session.isReady()).toBe(false);
    sh.session.input('\x03');
    await sh.session.whenReady();
    expect(sh.transcript()).toMatch(/while true; do :; done\n\^C\nadmin@ops:~\$ $/);
    expect(await sh.type('echo $?')).toBe('130\n');
  });

  it('Ctrl-C stops `while true; do echo y; done` too: its turns come from the loop, not from echo', async () => {
    const sh = liveShell();
    await sh.type('echo warm');
    sh.session.input('while true; do echo y; done\r');
    await sh.sim.host.settle();
    expect(sh.session.isReady()).toBe(false);
    sh.session.input('\x03');
    await sh.session.whenReady();
    expect(sh.transcript()).toMatch(/while true; do echo y; done\n(y\n)*\^C\nadmin@ops:~\$ $/);
    expect(await sh.type('echo $?')).toBe('130\n');
  });

  it('Ctrl-C stops it in `relaylab shell` on a terminal', async () => {
    const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));
    const child = spawn('script', ['-qfec', `${process.execPath} ${bin} shell --no-world --seed 7`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let seen = () => {};
    // The TTY transcript as text: colours (the prompt's) removed, CR LF as LF.
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '').replace(/\r+\n/g, '\n');
      seen();
    });
    // Woken by the output itself, not by polling: the loop reaches its step budget in a few
    // hundred milliseconds, and a poll's delay before the ^C made this test lose under load.
    const until = (re: RegExp) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 30_000);
        seen = () => {
          if (re.test(out)) clearTimeout(timer), resolve();
        };
        seen();
      });
    await until(/admin@ops:~\$ $/);
    child.stdin.write('echo warm\r');
    await until(/warm\n.*\$ $/);
    child.stdin.write('while true; do :; done\r');
    // The line has been read (its echo is back) and the loop is running; the ^C is a separate read.
    await until(/done\n/);
    child.stdin.write('\x03');
    await until(/(\^C|runaway)[\s\S]*\$ $/);
    child.stdin.write('exit\r');
    await new Promise((r) => child.on('close', r));
    const after = out.slice(out.lastIndexOf('while true; do :; done'));
    expect(after).toContain('^C');
    expect(after).not.toContain('runaway');
  }, 60_000);
});
