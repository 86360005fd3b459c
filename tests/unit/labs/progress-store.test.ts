/**
 * Saved progress that cannot be lost quietly (issue 9, observation 6): data
 * this version cannot read is kept aside, never deleted; a save that fails
 * says why, so the page can tell the learner at once.
 */
import { describe, expect, it } from 'vitest';
import { freshProgress, keptKey, loadProgress, saveProgress, storageKey, attemptFile } from '../../../site/islands/lab/progress-store.ts';

function memory(data: Record<string, string> = {}, opts: { full?: boolean } = {}) {
  const storage = {
    getItem: (k: string) => data[k] ?? null,
    setItem: (k: string, v: string) => {
      if (opts.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data[k] = v;
    },
    removeItem: (k: string) => void delete data[k],
  } as unknown as Storage;
  return { storage, data };
}

describe('loading saved progress', () => {
  it('a newer version is kept aside under its own key, with a notice saying so', () => {
    const newer = JSON.stringify({ v: 3, lab: 'x', whatever: true });
    const { storage, data } = memory({ [storageKey('x')]: newer });
    const r = loadProgress(storage, 'x');
    expect(r.progress).toBeUndefined();
    expect(r.canSave).toBe(true);
    expect(data[keptKey('x', 'v3')]).toBe(newer);
    expect(data[storageKey('x')]).toBeUndefined();
    expect(r.notice).toContain('written by a newer version (progress format 3) of Relay Lab');
    expect(r.notice).toContain('not deleted');
  });

  it('damaged data is kept aside too', () => {
    const { storage, data } = memory({ [storageKey('x')]: '{"v":1,' });
    const r = loadProgress(storage, 'x');
    expect(data[keptKey('x', 'damaged')]).toBe('{"v":1,');
    expect(r.notice).toContain('could not be read. It was kept');
  });

  it('with no room to keep a copy, the data stays where it is and the page must not save over it', () => {
    const { storage, data } = memory({ [storageKey('x')]: '{"v":9}' }, { full: true });
    const r = loadProgress(storage, 'x');
    expect(r.canSave).toBe(false);
    expect(data[storageKey('x')]).toBe('{"v":9}');
  });

  it('the current version loads', () => {
    const p = freshProgress('x', 4, 0);
    const { storage } = memory({ [storageKey('x')]: JSON.stringify(p) });
    expect(loadProgress(storage, 'x')).toEqual({ progress: p, canSave: true });
  });
});

describe('saving', () => {
  it('a full storage is reported as such, not swallowed', () => {
    expect(saveProgress(memory({}, { full: true }).storage, freshProgress('x', 1, 0))).toEqual({ ok: false, why: 'quota' });
    expect(saveProgress(memory().storage, freshProgress('x', 1, 0))).toEqual({ ok: true });
  });

  it('the attempt can be downloaded as JSON that loads again', () => {
    const p = { ...freshProgress('close-the-relay', 7, 0), log: [{ d: 'ls\r', w: true, t: 0 }] };
    const f = attemptFile(p);
    expect(f.name).toBe('relaylab-close-the-relay-seed-7.json');
    const { storage } = memory({ [storageKey('close-the-relay')]: f.text });
    expect(loadProgress(storage, 'close-the-relay').progress).toEqual(p);
  });
});
