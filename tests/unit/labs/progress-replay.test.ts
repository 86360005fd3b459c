/**
 * Saved lab progress: chunks carry the virtual time they were typed at, so a
 * lab whose world runs in the background rebuilds the same network on
 * reload; older saves without times still load.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../simulator/simulation.ts';
import { createShell } from '../../../simulator/shell/create-shell.ts';
import { appendChunk, loadProgress, type InputChunk } from '../../../site/islands/lab/progress-store.ts';
import { recordInput, replayInput } from '../../../site/islands/lab/input-log.ts';

const memory = (data: Record<string, string> = {}) =>
  ({ getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v), removeItem: (k: string) => void delete data[k] }) as unknown as Storage;

function open(seed: number) {
  const sim = new Simulation({ seed, world: true });
  let screen = '';
  const session = createShell(sim, { write: (d) => void (screen += d), cols: 100, rows: 30 });
  session.start();
  return { sim, session, screen: () => screen };
}

describe('saved progress with the world running', () => {
  it('merged keys keep the time of the last one (Enter)', () => {
    const log: InputChunk[] = [];
    appendChunk(log, { d: 'l', w: true, t: 1000 });
    appendChunk(log, { d: 's\r', w: true, t: 5000 });
    expect(log).toEqual([{ d: 'ls\r', w: true, t: 5000 }]);
  });

  it('a save from before times were recorded still loads', () => {
    const old = { v: 1, lab: 'x', seed: 3, log: [{ d: 'ls\r', w: true }], answers: {}, hints: {}, completed: [], startedAt: 0 };
    expect(loadProgress(memory({ 'relaylab:lab:x': JSON.stringify(old) }), 'x').progress?.log).toEqual(old.log);
  });

  it('replay advances the clock to each key\'s time: the same mail.log as the original attempt', async () => {
    const first = open(21);
    const log: InputChunk[] = [];
    recordInput(first.session, first.sim, (c) => appendChunk(log, c));
    for (const [line, idle] of [['ssh mail', 90_000], ['mailq | tail -1', 240_000], ['grep -c status=sent /var/log/mail.log', 0]] as const) {
      first.sim.world!.advance(idle); // the background clock while the learner reads
      for (const ch of line) first.session.input(ch);
      first.session.input('\r');
      await first.session.whenReady();
    }
    const again = open(21);
    await replayInput(again.session, again.sim, log);
    expect(again.sim.clock.now()).toBe(first.sim.clock.now());
    expect(again.sim.mailServer.log.text()).toBe(first.sim.mailServer.log.text());
    expect(again.screen()).toBe(first.screen());
  }, 60_000);
});
