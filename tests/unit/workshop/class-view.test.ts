/**
 * The trainer's view from stored state: labs in course order, each seat's
 * current step and since when it has been the one worked on (what "stuck"
 * is measured from), and a finished lab that no longer counts as current.
 */
import { describe, expect, it } from 'vitest';
import { classView, courseOrder } from '../../../cli/workshop/class-view.ts';
import { DEFAULT_POLICY, type Seat, type StepState } from '../../../cli/workshop/types.ts';
import { shippedLabs } from './helpers.ts';

const labs = shippedLabs();
const seat = (id: number): Seat => ({ id, token: `t${id}`, name: `n${id}`, seed: id, joinedAt: 1000, lastAt: 1000 });
const state = (seatId: number, lab: string, step: string, status: string, since: number, firstAt: number | null = null): StepState => ({ seat: seatId, lab, step, status, since, firstAt, hints: 0, wrongFixes: 0, showMe: 0, answer: '' });

describe('class view', () => {
  it('orders labs as the course does: each before its summary.next', () => {
    const order = courseOrder(labs).map((l) => l.id);
    expect([...order].sort()).toEqual(labs.map((l) => l.id).sort());
    // Every lab comes before the lab it leads to.
    for (const l of labs) if (l.summary?.next) expect(order.indexOf(l.id)).toBeLessThan(order.indexOf(l.summary.next));
  });

  it('current step: the first not passed in the lab worked in last, since the lab opened or the last pass', () => {
    const states = [
      state(1, 'speak-smtp', '', 'opened', 5000, 5000),
      // Seat 1 passed "send" at 9000: "read" has been current since then.
      state(1, 'speak-smtp', 'send', 'passed', 9000, 9000),
      // Seat 2 opened lab 3 at 7000 and only tried things: its first step is current since 7000.
      state(2, 'close-the-relay', '', 'opened', 7000, 7000),
      state(2, 'close-the-relay', 'close', 'open', 8000),
      // Seat 3 finished speak-smtp, then opened open-relay-test.
      state(3, 'speak-smtp', '', 'complete', 6000, 1000),
      state(3, 'speak-smtp', 'send', 'passed', 3000, 3000),
      state(3, 'speak-smtp', 'read', 'passed', 6000, 6000),
      state(3, 'open-relay-test', '', 'opened', 6500, 6500),
    ];
    const v = classView(labs, { seats: [seat(1), seat(2), seat(3)], states, wrongFixes: [] }, DEFAULT_POLICY, 20_000);
    const [s1, s2, s3] = v.seats;
    expect(s1!.current).toEqual({ lab: 'speak-smtp', step: 'read', since: 9000 });
    expect(s2!.current).toEqual({ lab: 'close-the-relay', step: 'close', since: 7000 });
    expect(s3!.current).toEqual({ lab: 'open-relay-test', step: 'manual', since: 6500 });
    expect(s3!.complete).toEqual(['speak-smtp']);
    expect(s1!.cells['speak-smtp/send']!.status).toBe('passed');
    expect(s2!.cells['close-the-relay/close']!.status).toBe('open');
  });
});
