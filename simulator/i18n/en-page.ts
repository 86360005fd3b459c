/**
 * The English catalogue as the browser build gets it (issue 12: the lab page's JavaScript has a
 * ceiling): every namespace the pages' scripts speak, without those only Node speaks — `cli.*`
 * (the relaylab command) and `labs.*` (the lab validator) — nor `site.*`, which the pages render
 * at build time. The client build reads this file where t.ts imports `./en.ts`
 * (site/node-shims/vite-aliases.ts); tests/unit/i18n/page-catalogue.test.ts proves no script the
 * browser loads names a key left out here.
 */
import { chart } from './en/chart.ts';
import { coach } from './en/coach.ts';
import { course } from './en/course.ts';
import { grader } from './en/grader.ts';
import { guided } from './en/guided.ts';
import { lab } from './en/lab.ts';
import { lms } from './en/lms.ts';
import { map } from './en/map.ts';
import { record } from './en/record.ts';
import { workshop } from './en/workshop.ts';

export const en = {
  ...chart,
  ...coach,
  ...course,
  ...grader,
  ...guided,
  ...lab,
  ...lms,
  ...map,
  ...record,
  ...workshop,
} as const;

/** The namespaces left out, for the test that keeps them out of browser code. */
export const nodeOnlyNamespaces = ['cli', 'labs', 'site'] as const;
