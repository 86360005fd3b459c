/**
 * Bench (issue 10, observation 5): a week of firewall logs (~11 MB, 70,000
 * lines) through `grep | awk | sort | uniq -c | sort -rn | head` in the
 * shell engine, in Node. Reports the pipeline's wall time and the longest
 * the event loop went without a turn meanwhile (how long a tab would freeze);
 * the shell gives the host a turn before each stage. Also the runaway
 * `while true; do echo x; done`, which just-bash runs without turns.
 */
import { report } from './browser.ts';
import { liveShell } from '../tests/unit/shell/live-shell.ts';
import { syslogStamp } from '../simulator/core/time-format.ts';

async function measure(type: () => Promise<unknown>): Promise<{ ms: number; lagMs: number }> {
  let last = performance.now();
  let lagMs = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  await type();
  const ms = performance.now() - start;
  clearInterval(probe);
  return { ms, lagMs: Math.max(lagMs, performance.now() - last) };
}

export async function benchShellLogs(): Promise<void> {
  const sh = liveShell();
  const lines: string[] = [];
  for (let i = 0; i < 70_000; i++) {
    lines.push(`${syslogStamp(sh.sim.clock.now() + i * 8640)} fw kernel: [${(i / 10).toFixed(6)}] SMTP-OUT IN=eth1 OUT=eth0 SRC=10.0.1.${(i * 7) % 40 + 10} DST=203.0.113.${i % 200} LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=${i % 65536} DF PROTO=TCP SPT=${40000 + (i % 20000)} DPT=${i % 3 ? 443 : 25} WINDOW=64240 RES=0x00 SYN URGP=0\n`);
  }
  sh.sim.machine('fw').fs.write('/var/log/firewall.log', lines.join(''));
  await sh.type('ssh fw');
  await sh.type('echo warm');
  const pipeline = await measure(() => sh.type("grep 'DPT=25 ' /var/log/firewall.log | awk '{print $10}' | sort | uniq -c | sort -rn | head"));
  report('Week of logs (11 MB) through grep|awk|sort|uniq -c|sort -rn|head, Node', pipeline.ms, 'ms');
  report('  longest event-loop stall meanwhile', pipeline.lagMs, 'ms');
  const runaway = await measure(() => sh.type('while true; do echo x; done'));
  report('Runaway `while true; do echo x; done` until stopped, Node', runaway.ms, 'ms');
}
