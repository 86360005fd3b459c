/**
 * Observation 8: the shell's edges say what bash would say (or plainly what
 * the lab does), and long simulated waits can be interrupted.
 */
import { describe, expect, it } from 'vitest';
import { liveShell } from './live-shell.ts';
import { LINE_TICK_MS } from '../../../simulator/shell/runner.ts';
import { strftime } from '../../../simulator/core/time-format.ts';

const RUNAWAY = 'relaylab: stopped a runaway command (too many steps). The shell is fine; press Ctrl-C to stop long commands.\n';

describe('shell gaps', () => {
  it('an endless loop of builtins ends with the runaway message, and the next line runs', async () => {
    const sh = liveShell();
    const out = await sh.type('while true; do echo x; done');
    // Whether the x's printed so far are kept depends on where the budget runs out (just-bash drops a
    // loop's output when it runs out in the loop's condition; see ARCHITECTURE.md, Budgets).
    expect(out).toMatch(/^(x\n)*relaylab: stopped a runaway command/);
    expect(out.endsWith(RUNAWAY)).toBe(true);
    expect(await sh.type('echo next')).toBe('next\n');
  });

  it('Ctrl-C reaches `while true; do echo x; done`: the loop gives the page turns', async () => {
    const sh = liveShell();
    await sh.type('echo warm');
    sh.session.input('while true; do echo x; done\r');
    for (let i = 0; i < 5; i++) await sh.sim.host.settle();
    expect(sh.session.isReady()).toBe(false);
    sh.session.input('\x03');
    await sh.session.whenReady();
    expect(sh.transcript()).toMatch(/while true; do echo x; done\n(x\n)*\^C\nadmin@ops:~\$ $/);
    expect(await sh.type('echo $?')).toBe('130\n');
  });

  it('a brace range too big to expand is refused as bash refuses it, not cut short silently', async () => {
    const sh = liveShell();
    expect(await sh.type('echo {1..10000000} | wc -c')).toBe('-bash: brace expansion: failed to allocate memory for 10000000 elements\n');
    expect(await sh.type('echo {1..5}')).toBe('1 2 3 4 5\n');
  });

  it('sleep says when it caps the wait at 7 days', async () => {
    const sh = liveShell();
    const before = sh.sim.clock.now();
    expect(await sh.type('sleep 30d')).toBe('sleep: this lab moves its clock at most 7 days per sleep; sleeping 7 days\n');
    expect(sh.sim.clock.now() - before).toBe(7 * 86_400_000 + LINE_TICK_MS);
  });

  it('Ctrl-C stops advance 7d on the way', async () => {
    const sh = liveShell({ world: true });
    const before = sh.sim.clock.now();
    sh.session.input('advance 7d\r');
    // Let a few simulated hours pass, then interrupt.
    while (sh.sim.clock.now() - before < 3 * 3_600_000) await sh.sim.host.yield();
    sh.session.input('\x03');
    await sh.session.whenReady();
    expect(sh.sim.clock.now() - before).toBeLessThan(86_400_000);
    expect(sh.transcript()).toMatch(/admin@ops:~\$ advance 7d\n\^C\nadmin@ops:~\$ $/);
    expect(await sh.type('echo $?')).toBe('130\n');
  });

  it('deep recursion is reported in bash words, not the engine\'s', async () => {
    const sh = liveShell();
    const out = await sh.type('f() { f; }; f');
    expect(out).toBe('-bash: f: maximum function nesting level exceeded (100)\n');
  });

  it('python3 and sqlite3 are absent the same way in Node and in the page', async () => {
    const sh = liveShell();
    expect(await sh.type('python3 -c "print(1)"')).toBe("-bash: python3: command not found\n(type 'help' to see the commands on ops)\n");
    expect(await sh.type("sqlite3 :memory: 'select 1'")).toBe("-bash: sqlite3: command not found\n(type 'help' to see the commands on ops)\n");
  });

  it('date +FORMAT follows GNU date on the virtual clock', async () => {
    const sh = liveShell();
    const at = sh.sim.clock.now();
    expect(await sh.type('date +%Y-%m-%d')).toBe(`${strftime(at, '%Y-%m-%d')}\n`);
    expect(strftime(Date.UTC(2026, 2, 3, 9, 5, 7), '%a %b %e %H:%M:%S %Z %Y|%s|%j|%-d|%F %T|%I %p|%u %V')).toBe('Tue Mar  3 09:05:07 UTC 2026|1772528707|062|3|2026-03-03 09:05:07|09 AM|2 10');
    const now = sh.sim.clock.now();
    expect(await sh.type("date '+%s'")).toBe(`${Math.floor(now / 1000)}\n`);
  });

  it('< /dev/null reads nothing, as scripts feeding nc expect', async () => {
    const sh = liveShell();
    expect(await sh.type('wc -c < /dev/null')).toBe('0\n');
    expect(await sh.type('cat /dev/null; echo rc=$?')).toBe('rc=0\n');
  });

  it('env shows exported variables only (no ?=0)', async () => {
    const sh = liveShell();
    await sh.type('false');
    const out = await sh.type('env');
    expect(out).toContain('HOME=/home/admin\n');
    expect(out).not.toMatch(/^\?=/m);
    expect(out).not.toMatch(/^(IFS|OPTIND)=/m);
  });
});
