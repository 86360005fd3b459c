/**
 * A drill's score (labs with `scoring`, e.g. lab 8): points for the steps that
 * pass, minus the collateral damage — legitimate mail lost while the learner
 * worked (the world's ledger, plus colleagues' messages deleted from the
 * starting queue) — minus the hints shown, minus simulated time beyond par.
 * Data, so the lab page and `relaylab check` print the same breakdown.
 */
import type { GraderEnv } from './grader-env.ts';
import type { Lab } from '../labs/schema.ts';
import { queueBaseline, queueFates } from './queue-facts.ts';
import { t } from '../i18n/t.ts';

export type ScoreLine = { label: string; detail: string; points: number };
export type ScoreBreakdown = { total: number; max: number; lines: ScoreLine[] };

/** Legitimate messages lost so far: the world's count, plus starting-queue mail deleted by hand (not already counted). */
export function legitLost(sim: GraderEnv): number {
  const start = queueBaseline(sim).filter((m) => !m.spam);
  const { delivered, deleted } = queueFates(sim, new Set(start.map((m) => m.id)));
  const deletedAtStart = start.filter((m) => deleted.has(m.id) && !delivered.has(m.id)).length;
  return (sim.world?.ledger.legitFailed ?? 0) + deletedAtStart;
}

export function scoreAttempt(sim: GraderEnv, lab: Lab, verdicts: readonly { pass: boolean }[], hintsUsed: number): ScoreBreakdown | undefined {
  const s = lab.scoring;
  if (!s) return undefined;
  const passed = verdicts.filter((v) => v.pass).length;
  const lost = legitLost(sim);
  const started = sim.world?.startedAt ?? sim.clock.now();
  const minutes = Math.floor((sim.clock.now() - started) / 60_000);
  const over = Math.max(0, minutes - s.parMinutes);
  const lines: ScoreLine[] = [
    { label: t('grader.score.steps'), detail: t('grader.score.steps-detail', { passed, total: verdicts.length, points: s.perStep }), points: passed * s.perStep },
    { label: t('grader.score.lost'), detail: t('grader.score.lost-detail', { n: lost, points: s.perLostMessage }), points: -lost * s.perLostMessage || 0 },
    { label: t('grader.score.hints'), detail: t('grader.score.hints-detail', { n: hintsUsed, points: s.perHint }), points: -hintsUsed * s.perHint || 0 },
    {
      label: t('grader.score.time'),
      detail: t('grader.score.time-detail', { minutes, par: s.parMinutes, over: over ? t('grader.score.time-over', { points: s.perMinute, over }) : t('grader.score.time-within') }),
      points: -Math.round(over * s.perMinute) || 0,
    },
  ];
  const max = verdicts.length * s.perStep;
  const total = Math.max(0, lines.reduce((n, l) => n + l.points, 0));
  return { total, max, lines };
}

/** The breakdown as text lines (relaylab check prints them; the page shows the same). */
export function formatScore(b: ScoreBreakdown): string[] {
  const w = Math.max(...b.lines.map((l) => l.label.length));
  return [...b.lines.map((l) => `${l.label.padEnd(w)}  ${String(l.points).padStart(5)}  ${l.detail}`), `${t('grader.score.total').padEnd(w)}  ${String(b.total).padStart(5)}  ${t('grader.score.total-detail', { max: b.max })}`];
}
