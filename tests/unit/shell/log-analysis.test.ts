/**
 * Zombie hunting as an admin does it: outbound SMTP attempts from two
 * workstations are logged on fw, then counted with a pipeline through the
 * same shell engine the browser uses.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { outputOf, shell } from './run-shell.ts';

describe('log analysis through relaylab shell', () => {
  it('grep | awk | sort | uniq -c | sort -rn | head counts SMTP attempts per source', () => {
    const seed = 11;
    const sim = new Simulation({ seed });
    const ipOf = (h: string) => sim.findHost(h)!.interfaces[0]!.ip;
    const attempts = { ws07: 3, ws12: 5, ws03: 1 };
    const lines = ['ssh fw', 'iptables -I FORWARD -p tcp --dport 25 -j LOG --log-prefix "SMTP-OUT "', 'exit'];
    for (const [ws, n] of Object.entries(attempts)) {
      lines.push(`ssh ${ws}`, `for i in $(seq 1 ${n}); do swaks -s mx.example.net -t a@example.net --quit-after CONNECT >/dev/null; done`, 'exit');
    }
    const pipeline = "grep 'DPT=25' /var/log/firewall.log | awk '{for(i=1;i<=NF;i++) if ($i ~ /^SRC=/) print substr($i,5)}' | sort | uniq -c | sort -rn | head";
    lines.push('ssh fw', pipeline, 'wc -l < /var/log/firewall.log');
    // A still network: the living world's bots would add their own outbound attempts to the count.
    const { out, code } = shell(lines, seed, ['--no-world']);
    expect(code).toBe(0);
    const expected = Object.entries(attempts)
      .sort((a, b) => b[1] - a[1])
      .map(([ws, n]) => `${String(n).padStart(7)} ${ipOf(ws)}`);
    // Exactly what GNU coreutils prints: counts right-aligned in 7 columns.
    const got = outputOf(out, pipeline).trimEnd().split('\n');
    expect(got).toEqual(expected);
    expect(outputOf(out, 'wc -l < /var/log/firewall.log').trim()).toBe('9');
  });
});
