/**
 * Labs as a page receives them: parsed at build time, each check's parameters included (defaults
 * filled in by the check kind's schema, as grading would), so the browser parses nothing and zod
 * stays out of its bundle (site/node-shims/zod.ts). The schemas stay the one source of truth for
 * authors, the CLI and the validator; the page trusts only what the build parsed with them.
 */
import type { Lab, LabCheck } from './schema.ts';
import { findCheckKind } from '../grader/registry.ts';

const prepared = new WeakSet<LabCheck>();

/** Build time: the validated lab with every check's parameters through its kind's schema. */
export function prepareLab(lab: Lab): Lab {
  const check = (c: LabCheck): LabCheck => {
    const kind = findCheckKind(c.kind);
    if (!kind) return c;
    const { kind: name, ...raw } = c;
    return { kind: name, ...(kind.params.parse(raw) as object) };
  };
  return { ...lab, steps: lab.steps.map((s) => ({ ...s, checks: s.checks.map(check) })) };
}

/** In the page: the lab the build embedded (prepareLab's output), its checks graded as they are. */
export function embeddedLab(json: unknown): Lab {
  const lab = json as Lab;
  for (const step of lab.steps) for (const c of step.checks) prepared.add(c);
  return lab;
}

/** Whether a check's parameters were parsed at build time (grade.ts then does not parse them again). */
export const isPrepared = (check: LabCheck): boolean => prepared.has(check);
