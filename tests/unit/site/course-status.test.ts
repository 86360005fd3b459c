import { describe, expect, it } from 'vitest';
import { courseStatus, labState } from '../../../site/islands/course/course-status.ts';

const store = (items: Record<string, unknown>) => ({ getItem: (k: string) => (k in items ? (typeof items[k] === 'string' ? (items[k] as string) : JSON.stringify(items[k])) : null) });
const labs = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('course map status', () => {
  it('reads not started, in progress and done from saved progress', () => {
    const s = store({ 'relaylab:lab:a': { log: [], completed: [], answers: {} }, 'relaylab:lab:b': { log: [{ d: 'x' }], completed: [] }, 'relaylab:lab:c': { log: [{ d: 'x' }], finishedAt: 5 } });
    expect(labs.map((l) => labState(s, l.id))).toEqual(['not-started', 'in-progress', 'done']);
    expect(labState(store({ 'relaylab:lab:a': '{broken' }), 'a')).toBe('in-progress');
  });
  it('Continue: the lab in progress, else the next after the last done', () => {
    expect(courseStatus(store({}), labs)).toEqual({ lab: labs[0], started: false, any: false });
    expect(courseStatus(store({ 'relaylab:lab:a': { finishedAt: 1 } }), labs)).toEqual({ lab: labs[1], started: false, any: true });
    expect(courseStatus(store({ 'relaylab:lab:a': { finishedAt: 1 }, 'relaylab:lab:c': { log: [1] } }), labs).lab).toBe(labs[2]);
    expect(courseStatus(store({ 'relaylab:lab:b': { finishedAt: 1 } }), labs).lab).toBe(labs[2]);
    expect(courseStatus(store({ 'relaylab:lab:a': { finishedAt: 1 }, 'relaylab:lab:b': { finishedAt: 1 }, 'relaylab:lab:c': { finishedAt: 1 } }), labs).lab).toBeUndefined();
  });
});

import { lineDiff } from '../../../site/islands/lab/change-record.ts';

describe('change record diff', () => {
  it('shows removed and added lines with one line of context', () => {
    const before = 'a\nb\nmynetworks = 0.0.0.0/0\nc\nd\ne\n';
    const after = 'a\nb\nmynetworks = 10.0.0.0/24\nc\nd\ne\nsmtpd_relay_restrictions = reject_unauth_destination\n';
    expect(lineDiff(before, after)).toEqual([
      { op: ' ', text: 'b' },
      { op: '-', text: 'mynetworks = 0.0.0.0/0' },
      { op: '+', text: 'mynetworks = 10.0.0.0/24' },
      { op: ' ', text: 'c' },
      { op: ' ', text: 'e' },
      { op: '+', text: 'smtpd_relay_restrictions = reject_unauth_destination' },
    ]);
    expect(lineDiff('x\n', 'x\n')).toEqual([]);
  });
});
