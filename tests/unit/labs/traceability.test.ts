/**
 * TRACEABILITY.md keeps the course honest about the source post: every
 * section is taught by a lesson and graded by a check, and every lesson, lab,
 * step and check it names exists — so a renamed step or a dropped check
 * breaks this test instead of leaving a stale row.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabs, REPO_ROOT } from '../../../cli/lab-files.ts';
import type { Lab } from '../../../simulator/labs/schema.ts';

type Row = { section: string; lesson?: string; lab?: string; step?: string; check?: string; line: number };

const text = readFileSync(join(REPO_ROOT, 'TRACEABILITY.md'), 'utf8');

/** The table rows under a `## heading`, as cells (header and separator dropped). */
function table(heading: string): { cells: string[]; line: number }[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`TRACEABILITY.md has no "## ${heading}" section`);
  const out: { cells: string[]; line: number }[] = [];
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('## '); i++) {
    const l = lines[i]!.trim();
    if (!l.startsWith('|')) continue;
    const cells = l.slice(1, -1).split('|').map((c) => c.trim());
    if (cells.every((c) => /^-+$/.test(c))) continue;
    out.push({ cells, line: i + 1 });
  }
  return out.slice(1); // the header row
}

const cell = (c: string | undefined) => (c === undefined || c === '—' || c === '' ? undefined : c);
const sections = table('Sections of the source post').map((r) => r.cells[0]!);
const rows: Row[] = table('Map').map(({ cells, line }) => {
  const [section, lesson, labStep, check] = cells;
  const [lab, step] = cell(labStep)?.split('/') ?? [];
  return { section: section!, lesson: cell(lesson), lab, step, check: cell(check), line };
});

const labs = new Map<string, Lab>();
for (const l of loadLabs()) if (l.lab) labs.set(l.lab.id, l.lab);

/** How a step's check is named in the table: its kind, and `answer:FACT` for answer checks. */
const checkNames = (lab: Lab, stepId: string): string[] =>
  lab.steps.find((s) => s.id === stepId)?.checks.map((c) => (c.kind === 'answer' ? `answer:${String(c['fact'])}` : c.kind)) ?? [];

describe('TRACEABILITY.md', () => {
  it('lists the sections of the source post, each once', () => {
    expect(sections.length).toBeGreaterThanOrEqual(10);
    expect(new Set(sections).size).toBe(sections.length);
  });

  it('maps every section to at least one lesson and at least one graded check', () => {
    const untaught = sections.filter((s) => !rows.some((r) => r.section === s && r.lesson));
    const ungraded = sections.filter((s) => !rows.some((r) => r.section === s && r.lab && r.check));
    expect({ untaught, ungraded }).toEqual({ untaught: [], ungraded: [] });
  });

  it('names only sections, lessons, labs, steps and checks that exist', () => {
    const problems: string[] = [];
    for (const r of rows) {
      const at = `TRACEABILITY.md:${r.line}`;
      if (!sections.includes(r.section)) problems.push(`${at}: no section "${r.section}" in the list of sections`);
      if (r.lesson && !existsSync(join(REPO_ROOT, 'content', 'lessons', `${r.lesson}.mdx`))) problems.push(`${at}: no lesson content/lessons/${r.lesson}.mdx`);
      if (!r.lesson && !r.lab) problems.push(`${at}: the row names neither a lesson nor a lab step`);
      if (!r.lab) {
        if (r.check) problems.push(`${at}: a check needs the lab step it belongs to`);
        continue;
      }
      const lab = labs.get(r.lab);
      if (!lab) {
        problems.push(`${at}: no valid lab "${r.lab}" under labs/`);
        continue;
      }
      if (!r.step || !lab.steps.some((s) => s.id === r.step)) {
        problems.push(`${at}: lab ${r.lab} has no step "${r.step ?? ''}" (steps: ${lab.steps.map((s) => s.id).join(', ')})`);
        continue;
      }
      const names = checkNames(lab, r.step);
      if (!r.check) problems.push(`${at}: name the check of ${r.lab}/${r.step} that grades it (${names.join(', ')})`);
      else if (!names.includes(r.check)) problems.push(`${at}: ${r.lab}/${r.step} has no check "${r.check}" (it has: ${names.join(', ')})`);
    }
    expect(problems).toEqual([]);
  });
});
