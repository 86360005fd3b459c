/**
 * Saved progress that cannot be lost quietly (issue 9, observation 6): data
 * this version cannot read is kept aside, never deleted; a save that fails
 * says why, so the page can tell the learner at once.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

describe('which saved progress reads as damaged', () => {
  // The schema the store used before it checked by hand (zod stays out of the browser bundle): the
  // hand check must accept exactly what it accepted.
  const Chunk = z.object({ d: z.string(), w: z.boolean(), t: z.number().optional() }).strict();
  const Before = z
    .object({
      v: z.literal(1),
      lab: z.string(),
      seed: z.number().int().min(0),
      log: z.array(Chunk),
      answers: z.record(z.string()),
      hints: z.record(z.number().int().min(0)),
      completed: z.array(z.string()),
      startedAt: z.number(),
      finishedAt: z.number().optional(),
    })
    .strict();
  const good = { v: 1, lab: 'x', seed: 7, log: [{ d: 'ls\r', w: true, t: 3 }, { d: 'q', w: false }], answers: { a: 'yes' }, hints: { s1: 2 }, completed: ['s1'], startedAt: 5, finishedAt: 9 };
  const { finishedAt: _f, ...unfinished } = good;
  const variants: Array<[string, unknown]> = [
    ['whole', good],
    ['without finishedAt', unfinished],
    ['an extra field', { ...good, extra: 1 }],
    ['a field missing', { ...good, completed: undefined }],
    ['a negative seed', { ...good, seed: -1 }],
    ['a fractional seed', { ...good, seed: 1.5 }],
    ['a seed as text', { ...good, seed: '7' }],
    ['a log that is an object', { ...good, log: {} }],
    ['a chunk with an extra field', { ...good, log: [{ d: 'x', w: true, z: 1 }] }],
    ['a chunk without w', { ...good, log: [{ d: 'x' }] }],
    ['a chunk time as text', { ...good, log: [{ d: 'x', w: true, t: '1' }] }],
    ['an answer that is a number', { ...good, answers: { a: 1 } }],
    ['answers as an array', { ...good, answers: ['yes'] }],
    ['a fractional hint count', { ...good, hints: { s1: 0.5 } }],
    ['a negative hint count', { ...good, hints: { s1: -1 } }],
    ['completed holding a number', { ...good, completed: [1] }],
    ['startedAt null', { ...good, startedAt: null }],
    ['finishedAt as text', { ...good, finishedAt: 'later' }],
    ['a huge startedAt (1e999 reads as Infinity)', '{"v":1,"lab":"x","seed":0,"log":[],"answers":{},"hints":{},"completed":[],"startedAt":1e999}'],
    ['another lab', { ...good, lab: 'y' }],
    ['an array', [good]],
    ['null', null],
  ];

  for (const [name, value] of variants) {
    it(`${name}: read as the schema read it`, () => {
      const raw = typeof value === 'string' ? value : JSON.stringify(value);
      const { storage, data } = memory({ [storageKey('x')]: raw });
      const r = loadProgress(storage, 'x');
      const parsed = Before.safeParse(JSON.parse(raw));
      const readable = parsed.success && parsed.data.lab === 'x';
      expect(r.progress !== undefined).toBe(readable);
      if (readable) expect(r.progress).toEqual(parsed.data);
      else if ((JSON.parse(raw) as { v?: unknown } | null)?.v === 1) {
        expect(data[keptKey('x', 'damaged')]).toBe(raw);
        expect(data[storageKey('x')]).toBeUndefined();
      }
    });
  }

  it('the checks can fail: the whole one loads, each broken one does not', () => {
    const loads = (v: unknown) => loadProgress(memory({ [storageKey('x')]: JSON.stringify(v) }).storage, 'x').progress !== undefined;
    expect(loads(good)).toBe(true);
    expect(loads({ ...good, extra: 1 })).toBe(false);
    expect(loads({ ...good, hints: { s1: -1 } })).toBe(false);
  });
});
