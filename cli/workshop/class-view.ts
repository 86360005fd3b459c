/**
 * The trainer's view of the class, built from the store's query (ClassData):
 * labs in course order with their steps, and per seat where it stands — each
 * step's status, the step being worked on and since when (for "stuck"). Pure;
 * the server pushes it, the exports are made from it.
 */
import type { Lab } from '../../simulator/labs/schema.ts';
import type { ClassData, HintPolicy, StepState, WrongFix } from './types.ts';

export type ViewCell = { status: 'passed' | 'reopened' | 'open'; firstAt: number | null; hints: number; wrongFixes: number; showMe: number; answer: string };
export type ViewSeat = {
  id: number;
  name: string;
  seed: number;
  joinedAt: number;
  lastAt: number;
  /** The lab last worked in, its first step not passed, and since when it has been the one worked on. */
  current?: { lab: string; step: string; since: number };
  complete: string[];
  /** Keyed `lab/step`. */
  cells: Record<string, ViewCell>;
};
export type ClassView = {
  now: number;
  labs: { id: string; title: string; steps: { id: string; title: string }[] }[];
  seats: ViewSeat[];
  wrongFixes: (WrongFix & { stepTitle: string })[];
  policy: HintPolicy;
};

/** Labs in course order: follow `summary.next` from the labs nothing points to; the rest after, by id. */
export function courseOrder(labs: readonly Lab[]): Lab[] {
  const byId = new Map(labs.map((l) => [l.id, l]));
  const pointedTo = new Set(labs.map((l) => l.summary?.next).filter(Boolean));
  const out: Lab[] = [];
  for (const start of labs.filter((l) => !pointedTo.has(l.id))) {
    for (let l: Lab | undefined = start; l && !out.includes(l); l = byId.get(l.summary?.next ?? '')) out.push(l);
  }
  return [...out, ...labs.filter((l) => !out.includes(l)).sort((a, b) => a.id.localeCompare(b.id))];
}

export const cellKey = (lab: string, step: string) => `${lab}/${step}`;

export function classView(labs: readonly Lab[], data: ClassData, policy: HintPolicy, now: number): ClassView {
  const ordered = courseOrder(labs);
  const bySeat = new Map<number, StepState[]>();
  for (const s of data.states) bySeat.set(s.seat, [...(bySeat.get(s.seat) ?? []), s]);
  const seats = data.seats.map((seat): ViewSeat => {
    const states = bySeat.get(seat.id) ?? [];
    const cells: Record<string, ViewCell> = {};
    for (const s of states) {
      if (!s.step) continue;
      cells[cellKey(s.lab, s.step)] = { status: s.status === 'passed' || s.status === 'reopened' ? s.status : 'open', firstAt: s.firstAt, hints: s.hints, wrongFixes: s.wrongFixes, showMe: s.showMe, answer: s.answer };
    }
    const complete = states.filter((s) => !s.step && s.status === 'complete').map((s) => s.lab);
    // The lab worked in last; in it, the first step not passing, current since the lab opened or the last pass.
    const latest = [...states].sort((a, b) => b.since - a.since).find((s) => !complete.includes(s.lab) && ordered.some((l) => l.id === s.lab));
    let current: ViewSeat['current'];
    const lab = latest && ordered.find((l) => l.id === latest.lab);
    if (lab) {
      const step = lab.steps.find((st) => cells[cellKey(lab.id, st.id)]?.status !== 'passed');
      const inLab = states.filter((s) => s.lab === lab.id && (!s.step ? s.firstAt !== null : s.status === 'passed'));
      const since = Math.max(...inLab.map((s) => (!s.step ? s.firstAt! : s.since)), seat.joinedAt);
      if (step) current = { lab: lab.id, step: step.id, since };
    }
    return { id: seat.id, name: seat.name, seed: seat.seed, joinedAt: seat.joinedAt, lastAt: seat.lastAt, current, complete, cells };
  });
  const stepTitle = (lab: string, step: string) => labs.find((l) => l.id === lab)?.steps.find((s) => s.id === step)?.title ?? step;
  return {
    now,
    labs: ordered.map((l) => ({ id: l.id, title: l.title, steps: l.steps.map((s) => ({ id: s.id, title: s.title })) })),
    seats,
    wrongFixes: data.wrongFixes.map((w) => ({ ...w, stepTitle: stepTitle(w.lab, w.step) })),
    policy,
  };
}
