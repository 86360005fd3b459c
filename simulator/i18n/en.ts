/**
 * The English catalogue: every namespace's messages merged under their flat
 * dotted keys (`coach.*`, `lab.*`, `grader.*`, `site.*`, …). Each namespace
 * lives in its own file under `en/` so the people who own those words can
 * find them; a key appears once across all of them (tests/unit/i18n).
 */
import { chart } from './en/chart.ts';
import { cli } from './en/cli.ts';
import { coach } from './en/coach.ts';
import { course } from './en/course.ts';
import { grader } from './en/grader.ts';
import { guided } from './en/guided.ts';
import { lab } from './en/lab.ts';
import { labs } from './en/labs.ts';
import { lms } from './en/lms.ts';
import { map } from './en/map.ts';
import { record } from './en/record.ts';
import { site } from './en/site.ts';
import { workshop } from './en/workshop.ts';

export const en = {
  ...chart,
  ...cli,
  ...coach,
  ...course,
  ...grader,
  ...guided,
  ...lab,
  ...labs,
  ...lms,
  ...map,
  ...record,
  ...site,
  ...workshop,
} as const;
