/**
 * The simulation's event stream publishes what happens on the network as
 * typed facts: connections with the firewall's verdict, smtpd steps, queue
 * changes and deliveries, host changes, reloads — and marks the grader's probes.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import { typeLines } from '../../../simulator/labs/attempt.ts';
import { runBattery } from '../../../simulator/grader/checks/relay-battery.ts';
import type { NetEvent } from '../../../simulator/core/events.ts';

function recorded(sim: Simulation): NetEvent[] {
  const out: NetEvent[] = [];
  sim.events.subscribe((e) => out.push(e));
  return out;
}

describe('event stream', () => {
  it('a hand-typed session from outside: the connection, every SMTP step with its reply, the queue and the delivery', async () => {
    const sim = new Simulation({ seed: 3 });
    const events = recorded(sim);
    const shell = createShell(sim, { write: () => undefined, cols: 100, rows: 30 }, { startHost: 'outside' });
    shell.start();
    await typeLines(shell, ['telnet mail.corp.example 25', 'EHLO outside.example.org', 'MAIL FROM:<a@example.org>', 'RCPT TO:<bob@corp.example>', 'DATA', 'Subject: hi', '', 'x', '.', 'QUIT']);
    const connect = events.find((e) => e.type === 'connect');
    expect(connect).toMatchObject({ type: 'connect', from: 'outside.example.org', port: 25, verdict: 'accepted', toHost: 'mail.corp.example', program: 'telnet', via: 'wire', probe: false });
    const steps = events.filter((e) => e.type === 'smtp').map((e) => e.type === 'smtp' && `${e.command} ${e.argument} -> ${e.reply.slice(0, 3)}`);
    expect(steps).toEqual(['EHLO outside.example.org -> 250', 'MAIL FROM:<a@example.org> -> 250', 'RCPT TO:<bob@corp.example> -> 250', 'DATA  -> 250', 'QUIT  -> 221']);
    const queued = events.find((e) => e.type === 'queue' && e.action === 'queued');
    expect(queued).toMatchObject({ recipients: ['bob@corp.example'], sender: 'a@example.org' });
    expect(events.find((e) => e.type === 'delivery')).toMatchObject({ recipient: 'bob@corp.example', status: 'sent', relay: 'local' });
  });

  it('a firewall drop names the rule; the learner moving hosts and a reload are published', async () => {
    const sim = new Simulation({ seed: 3 });
    const events = recorded(sim);
    const shell = createShell(sim, { write: () => undefined, cols: 100, rows: 30 });
    shell.start();
    await typeLines(shell, ['ssh fw', 'iptables -I FORWARD 1 -p tcp --dport 25 -s 10.0.0.0/24 -j DROP', 'exit', 'ssh ws01', 'telnet mx.example.net 25', 'exit', 'ssh mail', 'postfix reload', 'exit']);
    expect(events.filter((e) => e.type === 'host-change').map((e) => e.type === 'host-change' && `${e.from}>${e.to}`)).toEqual(['ops>fw', 'fw>ops', 'ops>ws01', 'ws01>ops', 'ops>mail', 'mail>ops']);
    const dropped = events.find((e) => e.type === 'connect' && e.from.startsWith('ws01'));
    expect(dropped).toMatchObject({ verdict: 'timeout', rule: { chain: 'FORWARD', num: 1, target: 'DROP' } });
    expect(events.some((e) => e.type === 'config' && e.action === 'reload')).toBe(true);
  });

  it("the grader's probes are marked as such", async () => {
    const sim = new Simulation({ seed: 3 });
    const events = recorded(sim);
    await runBattery(sim, 'outside', 'mail.corp.example', 25);
    const smtp = events.filter((e) => e.type === 'smtp');
    expect(smtp.length).toBeGreaterThan(30);
    expect(smtp.every((e) => e.type === 'smtp' && e.probe)).toBe(true);
    expect(events.filter((e) => e.type === 'connect').every((e) => e.type === 'connect' && e.probe)).toBe(true);
  });

  it('nothing is built while nobody listens, and an unsubscribed listener hears nothing more', async () => {
    const sim = new Simulation({ seed: 3 });
    expect(sim.events.active).toBe(false);
    const seen: NetEvent[] = [];
    const off = sim.events.subscribe((e) => seen.push(e));
    expect(sim.events.active).toBe(true);
    off();
    expect(sim.events.active).toBe(false);
    await runBattery(sim, 'outside', 'mail.corp.example', 25);
    expect(seen).toEqual([]);
  });
});
