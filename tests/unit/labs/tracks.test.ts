/**
 * content/tracks.json: every track is valid, names only lessons and labs
 * that exist, keeps its audience (a staff track holds staff lessons and
 * guided labs: nobody in it is asked to use a terminal), and its minutes add
 * up to what it promises.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabs, REPO_ROOT } from '../../../cli/lab-files.ts';
import { TracksFileSchema, trackErrors, trackScore } from '../../../simulator/labs/track.ts';
import { allModules } from '../../../site/lms/modules.ts';

const file = TracksFileSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'content', 'tracks.json'), 'utf8')));
const lessonsDir = join(REPO_ROOT, 'content', 'lessons');
const lessons = readdirSync(lessonsDir).filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, ''));
const labs = new Map(loadLabs().flatMap((l) => (l.lab ? [[l.lab.id, l.lab] as const] : [])));
const front = (id: string, key: string) => new RegExp(`^${key}: *(.*)$`, 'm').exec(readFileSync(join(lessonsDir, `${id}.mdx`), 'utf8').split('---')[1] ?? '')?.[1];

describe.each(file.tracks.map((t) => [t.id, t] as const))('track %s', (_id, track) => {
  it('names only lessons and labs that exist', () => {
    expect(trackErrors(track, { labs: [...labs.keys()], lessons })).toEqual([]);
  });

  it('keeps to its audience', () => {
    for (const item of track.items) {
      if ('lab' in item) expect(labs.get(item.lab)?.audience, item.lab).toBe(track.audience);
      if ('lab' in item && track.audience === 'staff') expect(labs.get(item.lab)?.mode, item.lab).toBe('guided');
      if ('lesson' in item) expect(front(item.lesson, 'audience'), item.lesson).toBe(track.audience);
    }
  });

  it('its parts add up to the minutes it promises (within a quarter)', () => {
    const sum = track.items.reduce((n, item) => n + ('lab' in item ? labs.get(item.lab)!.minutes : Number(front(item.lesson, 'minutes') ?? 0)), 0);
    expect(Math.abs(sum - track.minutes)).toBeLessThanOrEqual(track.minutes / 4);
  });
});

it('the SCORM module of each track carries the same pages (site/lms/modules.ts reads the file)', () => {
  const modules = allModules([], JSON.parse(readFileSync(join(REPO_ROOT, 'content', 'tracks.json'), 'utf8')));
  for (const t of file.tracks) {
    const mod = modules.find((m) => m.id === `${t.id}-track`);
    expect(mod, `a module "${t.id}-track"`).toBeDefined();
    expect(mod!.pages).toEqual(t.items.map((i) => ('lesson' in i ? `lessons/${i.lesson}` : `labs/${i.lab}`)));
    expect({ title: mod!.title, audience: mod!.audience, description: mod!.description }).toEqual({ title: t.title, audience: t.audience, description: t.summary });
  }
});

describe('trackScore', () => {
  const track = file.tracks.find((t) => t.id === 'staff')!;
  const counts = Object.fromEntries([...labs.values()].map((l) => [l.id, l.steps.length]));
  it('adds the labs up; a lab not opened counts with every step open', () => {
    const s = trackScore(track, counts, { 'staff-bounce': { passed: 4, total: 4, complete: true } });
    expect(s.labs['staff-bounce']).toEqual({ passed: 4, total: 4, complete: true });
    expect(s.labs['staff-your-desk']).toEqual({ passed: 0, total: counts['staff-your-desk'], complete: false });
    expect(s.total).toBe(counts['staff-bounce']! + counts['staff-your-desk']! + counts['staff-report-it']!);
    expect(s).toMatchObject({ passed: 4, complete: false });
  });
});
