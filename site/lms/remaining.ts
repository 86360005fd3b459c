/**
 * The sentence a learner reads about a module outside an LMS: which lessons and labs remain, in
 * the module's order, or that all are done. Staff modules call their labs exercises (as the
 * staff track's pages do).
 */
import { t } from '../../simulator/i18n/t.ts';
import { pageKind } from './modules.ts';

export type RemainingPage = { page: string; name: string; done: boolean };

const kindOf = (page: string) => pageKind(page as `labs/${string}`);

/** Which pages are not done yet, in order. */
export const remainingPages = <P extends RemainingPage>(pages: readonly P[]): P[] => pages.filter((p) => !p.done);

export function remainingSentence(pages: readonly RemainingPage[], audience: 'staff' | 'admin', moduleTitle: string, locale = 'en'): string {
  const left = remainingPages(pages);
  const exercise = audience === 'staff';
  if (!left.length) return t('lms.all-done', { kind: t(exercise ? 'lms.kind-exercise' : 'lms.kind-lab'), title: moduleTitle });
  const lessons = left.filter((p) => kindOf(p.page) === 'lesson').length;
  const labs = left.length - lessons;
  const labWords = exercise ? t('lms.count-exercises', { count: labs }) : t('lms.count-labs', { count: labs });
  const what = lessons && labs ? t('lms.count-both', { lessons: t('lms.count-lessons', { count: lessons }), labs: labWords }) : lessons ? t('lms.count-lessons', { count: lessons }) : labWords;
  const items = new Intl.ListFormat(locale, { type: 'conjunction' }).format(left.map((p) => t('lms.item', { title: p.name })));
  return t('lms.remaining', { count: left.length, what, items });
}
