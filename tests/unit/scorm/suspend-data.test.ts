/**
 * Suspend data fits the edition's limit after a long session in the longest lab, and trimming
 * never loses a completion: page records survive whole, a trimmed attempt is a prefix of the keys
 * ending after a line (an earlier moment of the same attempt).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { decodeState, encodeState, fitState } from '../../../site/lms/suspend-data.ts';
import { freshState, labGraded, lessonShown, type ModuleState } from '../../../site/lms/module-state.ts';
import { TRACKS } from '../../../site/lms/modules.ts';
import { SUSPEND_LIMIT } from '../../../site/lms/lms-session.ts';

type Chunk = { d: string; w: boolean; t?: number };
const labs = readdirSync('labs').map((d) => JSON.parse(readFileSync(`labs/${d}/lab.json`, 'utf8')) as { id: string; steps: { solution: string[] }[] });
const longest = labs.map((l) => ({ id: l.id, lines: l.steps.flatMap((s) => s.solution) })).sort((a, b) => b.lines.join('\n').length - a.lines.join('\n').length)[0]!;

/** A long session as the lab page saves it: one chunk per line, with the virtual time of its Enter. */
function longSession(lab: string, commands: number): string {
  const log: Chunk[] = [];
  let t = 1_700_000_000_000;
  const line = (d: string) => log.push({ d: `${d}\r`, w: true, t: (t += 1000 + (log.length % 7) * 311) });
  for (let i = 0; i < commands; i++) {
    if (i % 25 === 0) {
      // An SMTP dialogue by hand, typed while the server answers (w: false for keys typed ahead).
      line('telnet mail.corp.example 25');
      line(`EHLO client${i}.example`);
      line(`MAIL FROM:<tester${i}@outside.example>`);
      line(`RCPT TO:<victim${i}@elsewhere.example>`);
      log.push({ d: 'DATA\r', w: false });
      line(`Subject: relay test ${i}`);
      line('.');
      line('QUIT');
    } else line(['postconf mynetworks', `grep -c 'NOQUEUE' /var/log/mail.log`, `mailq | tail -${i % 9}`, `relaytest mail.corp.example`, `dig +short mx example.net`][i % 5]!);
  }
  return JSON.stringify({ v: 1, lab, seed: 424242, log, answers: { verdict: 'yes, 16 of 16' }, hints: { a: 2 }, completed: ['close'], startedAt: t - 9e6 });
}

function moduleAfter(commands: number): ModuleState {
  const mod = TRACKS.find((m) => m.pages.includes(`labs/${longest.id}`))!;
  const st = freshState(mod);
  for (const p of mod.pages) if (p.startsWith('lessons/')) lessonShown(st, p);
  for (const l of labs) {
    if (l.id === longest.id) continue;
    labGraded(st, `labs/${l.id}`, { passed: l.steps.length, total: l.steps.length, complete: true });
    st.labs[l.id] = longSession(l.id, 150);
  }
  labGraded(st, `labs/${longest.id}`, { passed: 1, total: 3, complete: false });
  st.labs[longest.id] = longSession(longest.id, commands);
  st.at = `labs/${longest.id}`;
  return st;
}

describe.each(['1.2', '2004'] as const)('suspend data for SCORM %s', (version) => {
  const limit = SUSPEND_LIMIT[version];

  it('a short session fits whole and reads back the same', () => {
    const st = moduleAfter(20);
    const fitted = fitState(st, limit);
    expect(fitted.trimmed).toEqual([]);
    expect(decodeState(fitted.text, st.module)).toEqual(st);
  });

  it(`a long session in the longest lab (${longest.id}) stays within ${limit} characters and keeps every completion`, () => {
    const st = moduleAfter(version === '1.2' ? 400 : 8000);
    expect(encodeState(st).length).toBeGreaterThan(limit); // it really had to be trimmed
    const fitted = fitState(st, limit);
    expect(fitted.text.length).toBeLessThanOrEqual(limit);
    expect(fitted.text).toMatch(/^RL1:[A-Za-z0-9+/=]+$/);
    const back = decodeState(fitted.text, st.module)!;
    expect(back.pages).toEqual(st.pages);
    expect(back.at).toBe(st.at);
    // What is left of the current attempt is the start of the same keys, cut after a line.
    const orig = JSON.parse(st.labs[longest.id]!) as { log: Chunk[]; seed: number };
    const kept = JSON.parse(back.labs[longest.id]!) as { log: Chunk[]; seed: number };
    expect(kept.seed).toBe(orig.seed);
    expect(kept.log.length).toBeGreaterThan(0);
    expect(kept.log).toEqual(orig.log.slice(0, kept.log.length));
    expect(kept.log[kept.log.length - 1]!.d.endsWith('\r')).toBe(true);
  });
});

it('an attempt too large to keep any line of is dropped, the page records still fit', () => {
  const st = moduleAfter(10);
  st.labs[longest.id] = JSON.stringify({ log: [{ d: `${'x'.repeat(40_000)}\r`, w: true }] , noise: Array.from({ length: 3000 }, (_, i) => (i * 2654435761) % 4294967296) });
  const fitted = fitState(st, 4096);
  expect(fitted.text.length).toBeLessThanOrEqual(4096);
  expect(decodeState(fitted.text, st.module)!.pages).toEqual(st.pages);
});

it('reads nothing from data in another format', () => {
  expect(decodeState('', 'admin-track')).toBeUndefined();
  expect(decodeState('RL1:not base64!', 'admin-track')).toBeUndefined();
  expect(decodeState(encodeState(freshState(TRACKS[0]!)), 'another-module')).toBeUndefined();
});
