/**
 * The English catalogue: every namespace's messages merged under their flat
 * dotted keys (`coach.*`, `lab.*`, `grader.*`, `site.*`, …). Each namespace
 * lives in its own file under `en/` so the people who own those words can
 * find them; a key appears once across all of them (tests/unit/i18n).
 */
import { chart } from './en/chart.ts';
import { coach } from './en/coach.ts';
import { guided } from './en/guided.ts';
import { lab } from './en/lab.ts';
import { record } from './en/record.ts';
import { site } from './en/site.ts';
import { workshop } from './en/workshop.ts';
import { lms } from './en/lms.ts';

export const en = {
  ...chart,
  ...coach,
  ...guided,
  ...lab,
  ...record,
  ...site,
  ...workshop,
  ...lms,
} as const;
