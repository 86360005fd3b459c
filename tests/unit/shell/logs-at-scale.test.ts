/**
 * Observation 5: logs at scale. The output budget is for the terminal only;
 * a week of firewall logs (over 10 MB) goes through cat, grep, awk, sort,
 * uniq -c and wc, and the pipeline gives the page a turn between stages.
 */
import { describe, expect, it } from 'vitest';
import { eventLoopTurn, type HostPort } from '../../../simulator/core/host-port.ts';
import { syslogStamp } from '../../../simulator/core/time-format.ts';
import { liveShell } from './live-shell.ts';

const DAY = 86_400_000;

/** A week of fw's LOG lines, built directly (the world would take minutes to write them): source i%40 tries port 25 every third line. */
function weekOfLogs(start: number, lines: number): { text: string; smtpBySource: Map<string, number> } {
  const parts: string[] = [];
  const smtpBySource = new Map<string, number>();
  for (let i = 0; i < lines; i++) {
    const src = `10.0.1.${(i * 7) % 40 + 10}`;
    const dpt = i % 3 === 0 ? 25 : i % 3 === 1 ? 443 : 53;
    if (dpt === 25) smtpBySource.set(src, (smtpBySource.get(src) ?? 0) + 1);
    const at = start + Math.floor((i * 7 * DAY) / lines);
    parts.push(`${syslogStamp(at)} fw kernel: [${(i / 10).toFixed(6)}] SMTP-OUT IN=eth1 OUT=eth0 SRC=${src} DST=203.0.113.${i % 200} LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=${i % 65536} DF PROTO=TCP SPT=${40000 + (i % 20000)} DPT=${dpt} WINDOW=64240 RES=0x00 SYN URGP=0\n`);
  }
  return { text: parts.join(''), smtpBySource };
}

describe('a week of logs through the shell', () => {
  const turns = { count: 0 };
  const host: HostPort = { yield: () => (turns.count++, eventLoopTurn.yield()), settle: () => eventLoopTurn.settle() };

  it('cat, grep, awk, sort, uniq -c, sort -rn, head and wc finish over 10 MB, with turns for the page between stages', async () => {
    const sh = liveShell({ host });
    const { text, smtpBySource } = weekOfLogs(sh.sim.clock.now(), 70_000);
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    sh.sim.machine('fw').fs.write('/var/log/firewall.log', text);
    await sh.type('ssh fw');

    expect(await sh.type('cat /var/log/firewall.log | wc -l')).toBe('70000\n');
    expect(await sh.type("grep 'DPT=25 ' /var/log/firewall.log | head -2")).toBe(text.split('\n').filter((l) => l.includes('DPT=25 ')).slice(0, 2).join('\n') + '\n');
    turns.count = 0;
    const pipeline = "grep 'DPT=25 ' /var/log/firewall.log | awk '{print $10}' | sort | uniq -c | sort -rn | head -3";
    const top = (await sh.type(pipeline)).trimEnd().split('\n');
    const expected = [...smtpBySource.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1)).slice(0, 3);
    expect(top.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual(expected.map(([, n]) => n));
    expect(top[0]).toMatch(/^ {1,6}\d+ SRC=10\.0\.1\.\d+$/);
    // One turn before each of the six stages at least: the tab can paint and take Ctrl-C in between.
    expect(turns.count).toBeGreaterThanOrEqual(6);
  }, 30_000);

  it('seq 1 100000 is a pipe, not a runaway; a file over 1 MB is written whole', async () => {
    const sh = liveShell();
    expect(await sh.type('seq 1 100000 | wc -l')).toBe('100000\n');
    expect(await sh.type('seq 1 300000 > /tmp/big; wc -l /tmp/big')).toBe('300000 /tmp/big\n');
    expect(sh.sim.machine('ops').fs.read('/tmp/big').length).toBeGreaterThan(1024 * 1024);
  });

  it('only the terminal is budgeted: 2 MB on screen is cut at a line end with a note, and the shell goes on', async () => {
    const sh = liveShell();
    const out = await sh.type('seq 1 300000');
    expect(out.length).toBeLessThanOrEqual(1024 * 1024 + 200);
    expect(out).toMatch(/\n\d+\nrelaylab: output truncated: the terminal shows the first 1 MB/);
    expect(await sh.type('echo ok')).toBe('ok\n');
  });

  it('a runaway on the left of a pipe is stopped without spilling its output onto the terminal', async () => {
    const sh = liveShell();
    const out = await sh.type('while true; do echo x; done | tail -1');
    expect(out).toBe('relaylab: stopped a runaway command (too many steps). The shell is fine; press Ctrl-C to stop long commands.\n');
  });
});
