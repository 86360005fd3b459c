/**
 * Outside an LMS: a lesson read on its own page and a lab finished on its own page count in the
 * module's record the certificate reads, and the sentence on the track page names what remains
 * (plural-aware) until everything is done.
 */
import { describe, expect, it } from 'vitest';
import { TRACKS } from '../../../site/lms/modules.ts';
import { completionRecord, type RecordPage } from '../../../site/lms/completion-record.ts';
import { mergeSaved, readSavedModule, recordLessonRead } from '../../../site/lms/saved-module.ts';
import { remainingSentence } from '../../../site/lms/remaining.ts';
import { freshState } from '../../../site/lms/module-state.ts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

const admin = TRACKS.find((t) => t.id === 'admin-track')!;
const spambot = TRACKS.find((t) => t.id === 'spambot-track')!;
const names: Record<string, string> = {
  'lessons/outgoing-spam': 'Outgoing spam',
  'labs/speak-smtp': 'Speak SMTP',
  'lessons/open-relays': 'Open relays',
  'labs/open-relay-test': 'Test for an open relay',
  'lessons/closing-a-relay': 'Closing a relay',
  'labs/close-the-relay': 'Close the relay',
};
const pageInfo: RecordPage[] = admin.pages.map((page) =>
  page.startsWith('labs/') ? { page, kind: 'lab', title: `Lab: ${names[page]}`, name: names[page], steps: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] } : { page, kind: 'lesson', title: names[page]!, name: names[page] },
);
const sentence = (storage: MemoryStorage, audience: 'staff' | 'admin' = 'admin') => {
  const r = completionRecord(admin, pageInfo, storage as unknown as Storage, '');
  return remainingSentence(r.pages.map((p, i) => ({ page: p.page, name: pageInfo[i]!.name!, done: p.done })), audience, admin.title);
};
const finish = (storage: MemoryStorage, lab: string) => storage.setItem(`relaylab:lab:${lab}`, JSON.stringify({ seed: 7, completed: ['a', 'b'], finishedAt: Date.parse('2026-12-01T10:00:00Z') }));

describe('a module walked outside an LMS', () => {
  it('names every lesson and lab that remains, in order, until all are done', () => {
    const s = new MemoryStorage();
    expect(sentence(s)).toBe('3 lessons and 3 labs remain: “Outgoing spam”, “Speak SMTP”, “Open relays”, “Test for an open relay”, “Closing a relay”, and “Close the relay”.');
    recordLessonRead(s, [admin, spambot], 'outgoing-spam');
    finish(s, 'speak-smtp');
    recordLessonRead(s, [admin, spambot], 'open-relays');
    recordLessonRead(s, [admin, spambot], 'closing-a-relay');
    expect(sentence(s)).toBe('2 labs remain: “Test for an open relay” and “Close the relay”.');
    expect(sentence(s, 'staff')).toBe('2 exercises remain: “Test for an open relay” and “Close the relay”.');
    finish(s, 'open-relay-test');
    expect(sentence(s)).toBe('1 lab remains: “Close the relay”.');
    finish(s, 'close-the-relay');
    expect(sentence(s)).toBe(`All done: every lesson and lab of “${admin.title}” is complete.`);
    const r = completionRecord(admin, pageInfo, s as unknown as Storage, 'Ada');
    expect(r).toMatchObject({ complete: true, score: 100, completedAt: '2026-12-01T10:00:00.000Z' });
  });

  it('one lesson and one lab: each count in the singular, the verb in the plural', () => {
    const s = new MemoryStorage();
    for (const l of ['outgoing-spam', 'open-relays']) recordLessonRead(s, [admin], l);
    for (const l of ['speak-smtp', 'open-relay-test']) finish(s, l);
    expect(sentence(s)).toBe('1 lesson and 1 lab remain: “Closing a relay” and “Close the relay”.');
  });

  it('a lesson read counts only in the modules that have it, and is never taken back', () => {
    const s = new MemoryStorage();
    recordLessonRead(s, [admin, spambot], 'open-relays');
    expect(readSavedModule(s, admin).pages['lessons/open-relays']).toEqual({ done: true });
    expect(s.getItem('relaylab:module:spambot-track')).toBeNull();
    // The player's record in memory, written after: merging keeps what the lesson page saved.
    const player = freshState(admin);
    player.pages['labs/speak-smtp'] = { done: false, passed: 1, total: 2 };
    finish(s, 'open-relay-test');
    mergeSaved(player, { ...admin, labSteps: { 'labs/open-relay-test': 2 } }, s as unknown as Storage);
    expect(player.pages['lessons/open-relays']).toEqual({ done: true });
    expect(player.pages['labs/open-relay-test']).toEqual({ done: true, passed: 2, total: 2 });
    expect(player.pages['labs/speak-smtp']).toEqual({ done: false, passed: 1, total: 2 });
  });
});
