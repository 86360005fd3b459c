/**
 * Knowledge checks: a multiple-choice question whose key is in the lab file,
 * because it is about what the lesson taught, not about the network (whom to
 * tell, what a blocklist is). Every wrong choice carries its own explanation,
 * shown as the step's reason, so a learner who picks it learns why it is
 * wrong. Graded by the one rule like every other step (lab-progress.ts): the
 * step passes while the answer given is the key. The validator checks that
 * the key is one of the question's choices and that every other choice is
 * explained (validate.ts).
 */
import { z } from 'zod';
import { fail, pass, type CheckKind } from '../types.ts';
import { t } from '../../i18n/t.ts';

const params = z
  .object({
    correct: z.string().min(1).describe("The right choice, word for word as in the step's question"),
    because: z.string().min(1).describe('Why it is right, shown once it is chosen'),
    why: z.record(z.string(), z.string().min(1)).describe('For every other choice, why it is wrong (keyed by the choice text)'),
  })
  .strict();

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

export const choiceCheck: CheckKind<z.infer<typeof params>> = {
  kind: 'choice',
  summary: 'a knowledge check: the chosen answer is the key, and each wrong choice says why it is wrong',
  probe: false,
  params,
  async run({ answers, stepId }, p) {
    const given = answers[stepId];
    if (given === undefined || given.trim() === '') return fail(t('grader.no-answer'));
    if (norm(given) === norm(p.correct)) return pass(t('grader.choice.right', { because: p.because }));
    const why = Object.entries(p.why).find(([choice]) => norm(choice) === norm(given))?.[1];
    return fail(why ? t('grader.choice.not-quite', { why }) : t('grader.choice.not-a-choice', { given: given.trim() }));
  },
};
