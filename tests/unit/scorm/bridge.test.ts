/**
 * The LMS bridge without a browser: API discovery across frames (cross-origin ones throw), the
 * data model names and time formats of each edition, and the module figures (completion latches).
 */
import { describe, expect, it } from 'vitest';
import { findLmsApi } from '../../../site/lms/api-discovery.ts';
import { LmsSession, isoDuration, scorm12Time } from '../../../site/lms/lms-session.ts';
import { figures, freshState, labGraded, lessonShown } from '../../../site/lms/module-state.ts';
import { TRACKS, allModules } from '../../../site/lms/modules.ts';

/** A window of another origin: every property read throws, as browsers do. */
const foreign = (parent?: unknown) =>
  new Proxy(
    {},
    {
      get(_t, key) {
        if (key === 'parent' && parent) throw new DOMException('Blocked a frame with origin', 'SecurityError');
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    },
  );

const api2004 = () => ({ Initialize: () => 'true', GetValue: () => '', SetValue: () => 'true', Commit: () => 'true', Terminate: () => 'true' });
const api12 = () => ({ LMSInitialize: () => 'true', LMSGetValue: () => '', LMSSetValue: () => 'true', LMSCommit: () => 'true', LMSFinish: () => 'true' });

describe('API discovery', () => {
  it('finds API_1484_11 several parents up', () => {
    const top: Record<string, unknown> = { API_1484_11: api2004() };
    top.parent = top;
    const mid = { parent: top };
    const me = { parent: mid };
    expect(findLmsApi(me)?.version).toBe('2004');
  });
  it('prefers 2004 over 1.2 in the same window, and finds 1.2 alone', () => {
    const both: Record<string, unknown> = { API: api12(), API_1484_11: api2004() };
    both.parent = both;
    expect(findLmsApi(both)?.version).toBe('2004');
    const old: Record<string, unknown> = { API: api12() };
    old.parent = old;
    expect(findLmsApi({ parent: old })?.version).toBe('1.2');
  });
  it('survives a cross-origin frame in the chain and goes on to the opener', () => {
    const lms: Record<string, unknown> = { API: api12() };
    lms.parent = lms;
    const me = { parent: foreign(), opener: { parent: lms } };
    expect(findLmsApi(me)?.where).toBe(lms);
  });
  it('finds nothing outside an LMS (no API anywhere, an opener that throws, a frame loop)', () => {
    const loop: Record<string, unknown> = {};
    loop.parent = { parent: loop };
    expect(findLmsApi({ parent: loop, opener: foreign() })).toBeUndefined();
    expect(findLmsApi({ API: { notAnApi: true } })).toBeUndefined();
  });
});

describe('LMS session', () => {
  const recording = (version: '2004' | '1.2') => {
    const calls: string[] = [];
    const base = version === '2004' ? api2004() : api12();
    const api = Object.fromEntries(Object.entries(base).map(([k, f]) => [k, (...a: string[]) => (calls.push(`${k}(${a.join(', ')})`), f())]));
    let now = 1_000_000;
    const s = new LmsSession({ version, api, where: {} }, () => now);
    return { s, calls, later: (ms: number) => (now += ms) };
  };
  it('writes 2004 names: completion and success, scaled score, session time, exit on finish', () => {
    const { s, calls, later } = recording('2004');
    expect(s.initialize()).toBe(true);
    s.report({ progress: 0.5, score: 0.75, completed: false, location: 'labs/speak-smtp', suspendData: 'RL1:x' });
    later(3_723_500);
    s.finish(false);
    expect(calls).toEqual(
      expect.arrayContaining([
        'SetValue(cmi.completion_status, incomplete)',
        'SetValue(cmi.success_status, unknown)',
        'SetValue(cmi.score.scaled, 0.7500)',
        'SetValue(cmi.score.raw, 75)',
        'SetValue(cmi.suspend_data, RL1:x)',
        'SetValue(cmi.session_time, PT1H2M3.5S)',
        'SetValue(cmi.exit, suspend)',
        'Commit()',
        'Terminate()',
      ]),
    );
    expect(calls.indexOf('Terminate()')).toBe(calls.length - 1);
  });
  it('writes 1.2 names: lesson_status passed when complete, CMITimespan session time', () => {
    const { s, calls, later } = recording('1.2');
    s.initialize();
    s.report({ progress: 1, score: 1, completed: true, location: 'labs/x', suspendData: '' });
    later(61_000);
    s.finish(true);
    expect(calls).toEqual(expect.arrayContaining(['LMSSetValue(cmi.core.lesson_status, passed)', 'LMSSetValue(cmi.core.score.raw, 100)', 'LMSSetValue(cmi.core.session_time, 0000:01:01.00)', 'LMSFinish()']));
  });
  it('time formats', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(59.994)).toBe('PT59.99S');
    expect(scorm12Time(36000 * 3 + 0.5)).toBe('0030:00:00.50');
  });
});

describe('module figures', () => {
  const mod = TRACKS.find((t) => t.id === 'admin-track')!;
  it('score counts graded steps; a lab once complete stays complete when a step re-opens', () => {
    const st = freshState(mod);
    lessonShown(st, 'lessons/outgoing-spam');
    labGraded(st, 'labs/speak-smtp', { passed: 2, total: 2, complete: true });
    labGraded(st, 'labs/open-relay-test', { passed: 1, total: 3, complete: false });
    labGraded(st, 'labs/speak-smtp', { passed: 1, total: 2, complete: false }); // broke it again
    const f = figures(mod, st);
    expect(st.pages['labs/speak-smtp']?.done).toBe(true);
    expect(f.steps).toEqual({ passed: 3, total: 5 });
    expect(f.progress).toBeCloseTo(2 / 6);
    expect(f.completed).toBe(false);
  });
  it('a lab not opened yet counts with its steps where the module knows them (the score is of the whole module)', () => {
    const withSteps = { ...mod, labSteps: { 'labs/speak-smtp': 2, 'labs/open-relay-test': 3, 'labs/close-the-relay': 3 } as const };
    const st = freshState(withSteps);
    labGraded(st, 'labs/speak-smtp', { passed: 2, total: 2, complete: true });
    expect(figures(withSteps, st)).toMatchObject({ score: 2 / 8, steps: { passed: 2, total: 8 } });
    // Without the counts, only the labs opened count.
    expect(figures(mod, st).score).toBe(1);
  });
  it('complete when every page is done', () => {
    const st = freshState(mod);
    for (const p of mod.pages) if (p.startsWith('lessons/')) lessonShown(st, p);
    for (const p of mod.pages) if (p.startsWith('labs/')) labGraded(st, p, { passed: 3, total: 3, complete: true });
    expect(figures(mod, st)).toMatchObject({ completed: true, score: 1, progress: 1 });
  });
});

describe('modules from content/tracks.json', () => {
  it('each track becomes ID-track; one with a built-in id replaces it; each lab is also a module alone', () => {
    const file = {
      tracks: [
        { id: 'staff', title: 'Staff', audience: 'staff', summary: 'For all staff.', items: [{ lesson: 'a' }, { lab: 'b' }] },
        { id: 'admin', title: 'Admins, from the file', audience: 'admin', items: [{ lab: 'speak-smtp' }] },
      ],
    };
    const mods = allModules([{ id: 'b', title: 'B', audience: 'staff', teaches: 't' }], file);
    expect(mods.map((m) => m.id)).toEqual(['staff-track', 'admin-track', ...TRACKS.filter((t) => t.id !== 'admin-track').map((t) => t.id), 'lab-b']);
    expect(mods[0]).toMatchObject({ pages: ['lessons/a', 'labs/b'], description: 'For all staff.' });
    expect(mods[1]!.title).toBe('Admins, from the file');
    expect(allModules([], undefined).map((m) => m.id)).toEqual(TRACKS.map((t) => t.id));
  });
});
