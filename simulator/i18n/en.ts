/**
 * The English catalogue: every namespace's messages merged under their flat
 * dotted keys (`coach.*`, `lab.*`, `grader.*`, `site.*`, …). Each namespace
 * lives in its own file under `en/` so the people who own those words can
 * find them; a key appears once across all of them (tests/unit/i18n).
 */
import { coach } from './en/coach.ts';
import { grader } from './en/grader.ts';
import { labs } from './en/labs.ts';
import { cli } from './en/cli.ts';

export const en = {
  ...coach,
  ...grader,
  ...labs,
  ...cli,
} as const;
