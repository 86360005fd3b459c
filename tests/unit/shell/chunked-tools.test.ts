/**
 * Line-by-line tools over a big input run in chunks with host turns between them
 * (bash-engine.ts `chunked`): their output must be byte for byte what one just-bash run
 * gives. Compared here against a plain just-bash (no relaylab commands) over the same file.
 */
import { describe, expect, it } from 'vitest';
import { Bash } from 'just-bash';
import { eventLoopTurn, type HostPort } from '../../../simulator/core/host-port.ts';
import { statelessAwk } from '../../../simulator/shell/bash-engine.ts';
import { liveShell } from './live-shell.ts';

/** ~1.3 MB: several chunks of 1,000 lines; 8-bit text, a last line without a line end. */
function log(): string {
  const lines: string[] = [];
  for (let i = 0; i < 12_000; i++) {
    lines.push(`Dec  2 10:${String(i % 60).padStart(2, '0')}:00 fw kernel: SRC=10.0.1.${i % 40} DST=203.0.113.${i % 200} LEN=${40 + (i % 90)} DPT=${i % 3 ? 443 : 25} ${i % 7 ? 'ok' : 'köln ☃'}`);
  }
  return lines.join('\n');
}

const COMMANDS = [
  "grep 'DPT=25 ' /log",
  "grep -v -i 'dpt=443' /log",
  "grep -o 'SRC=[0-9.]*' /log",
  'grep köln /log',
  'cat /log | grep -w ok',
  "awk '{print $7}' /log",
  "awk -FSRC= '{print $2}' /log",
  "awk '/DPT=25 /{print $1, $NF}' /log",
  "awk '$3 > \"10:30:00\" {print length($0), toupper($9)}' /log",
  "cat /log | awk '{printf \"%s|%s\\n\", $6, substr($0, 1, 6)}'",
  // uniq -c is left out: ours pads counts as GNU does (7 columns), plain just-bash does not.
  "grep 'DPT=25 ' /log | awk '{print $6}' | sort | uniq | sort -r | head",
  // Not cut (state across lines): must agree all the same.
  "awk '{n++} END {print n}' /log",
  'grep -c köln /log',
];

describe('chunked grep and awk over a big input', () => {
  it('print byte for byte what one just-bash run prints, and exit with the same status', async () => {
    const turns = { count: 0 };
    const host: HostPort = { yield: () => (turns.count++, eventLoopTurn.yield()), settle: () => eventLoopTurn.settle() };
    const sh = liveShell({ host });
    const text = log();
    sh.sim.machine('ops').fs.write('/log', text);
    const plain = new Bash({ files: { '/log': text } });
    for (const cmd of [...COMMANDS, 'grep nomatch /log', "awk '/nomatch/{print}' /log"]) {
      turns.count = 0;
      const status = await sh.type(`${cmd} > /tmp/out; echo $?`);
      const ours = sh.sim.machine('ops').fs.read('/tmp/out');
      const theirs = await plain.exec(`${cmd} > /tmp/out; echo $?`);
      expect(ours, cmd).toBe(await plain.readFile('/tmp/out'));
      expect(status, cmd).toBe(theirs.stdout);
      if (!/END|-c /.test(cmd)) expect(turns.count, `${cmd}: turns`).toBeGreaterThan(5);
    }
  }, 120_000);

  it('awk programs are cut only when each line\'s output depends on that line alone', () => {
    for (const p of ['{print $10}', '/DPT=25 /{print $1, $NF}', '$5 > 100 {print}', '{printf "%s\\n", toupper($2)}', '!/x/', '$1 == "a" || $2 ~ /b|c/ {print $1/2}']) {
      expect(statelessAwk(p), p).toBe(true);
    }
    for (const p of ['BEGIN{print 1}', '{n++} END{print n}', '{print NR, $0}', '{s += $1}', '{a[$1]=1}', '{print > "/tmp/x"}', '{print | "sort"}', '{getline; print}', 'NR > 1', '{print rand()}', '{exit}', '{x = $1; print x}', '{print "unterminated}']) {
      expect(statelessAwk(p), p).toBe(false);
    }
  });
});
