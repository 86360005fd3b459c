/**
 * Tracks (content/tracks.json): an ordered path through lessons and labs for
 * one audience — the staff track is the module SCORM packages carry. Data
 * only; the course map reads it to mark who each part is for. A track's
 * score is its labs' steps under the one grading rule (lab-progress.ts),
 * added up: no second way of scoring.
 */
import { z } from 'zod';
import type { LabVerdict } from '../grader/lab-progress.ts';
import { t } from '../i18n/t.ts';

export const TrackItemSchema = z.union([
  z.object({ lesson: z.string().min(1).describe('Lesson id (content/lessons/ID.mdx)') }).strict(),
  z.object({ lab: z.string().min(1).describe('Lab id (labs/ID/)') }).strict(),
]);

export const TrackSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/).describe('Stable id, used in URLs (/tracks/ID/)'),
    title: z.string().min(1),
    audience: z.enum(['staff', 'admin']).describe('Who the track is for'),
    minutes: z.number().int().positive().describe('Estimated minutes for the whole track'),
    summary: z.string().min(1).describe('One or two sentences for the course map'),
    items: z.array(TrackItemSchema).min(1).describe('Lessons and labs in the order they are taken'),
  })
  .strict();

export const TracksFileSchema = z.object({ $comment: z.string().optional(), tracks: z.array(TrackSchema) }).strict();

export type Track = z.infer<typeof TrackSchema>;
export type TrackItem = z.infer<typeof TrackItemSchema>;

/** What a track names that does not exist, as sentences. */
export function trackErrors(track: Track, known: { labs: readonly string[]; lessons: readonly string[] }): string[] {
  const out: string[] = [];
  track.items.forEach((item, i) => {
    if ('lesson' in item && !known.lessons.includes(item.lesson)) out.push(`tracks[${track.id}].items[${i}]: ${t('labs.no-lesson', { lesson: item.lesson })}`);
    if ('lab' in item && !known.labs.includes(item.lab)) out.push(`tracks[${track.id}].items[${i}]: ${t('labs.track.no-lab', { lab: item.lab })}`);
  });
  return out;
}

export type TrackScore = { passed: number; total: number; complete: boolean; labs: Record<string, { passed: number; total: number; complete: boolean }> };

/** The track's score from its labs' verdicts (a lab not yet opened counts with all its steps open). */
export function trackScore(track: Track, stepCounts: Readonly<Record<string, number>>, verdicts: Readonly<Record<string, Pick<LabVerdict, 'passed' | 'total' | 'complete'>>>): TrackScore {
  const labs: TrackScore['labs'] = {};
  for (const item of track.items) {
    if (!('lab' in item)) continue;
    const v = verdicts[item.lab];
    labs[item.lab] = v ? { passed: v.passed, total: v.total, complete: v.complete } : { passed: 0, total: stepCounts[item.lab] ?? 0, complete: false };
  }
  const all = Object.values(labs);
  const passed = all.reduce((n, l) => n + l.passed, 0);
  const total = all.reduce((n, l) => n + l.total, 0);
  return { passed, total, complete: all.every((l) => l.complete), labs };
}
