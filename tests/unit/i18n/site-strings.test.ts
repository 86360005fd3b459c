import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT as root, astroScripts, filesUnder, withoutComments } from './site-sources.ts';

/**
 * The site's scripts take their sentences from the catalogue (simulator/i18n): a string literal
 * that reads like English words in site/islands or site/lms is a sentence someone forgot to
 * move. The scan is a heuristic (two words, not a selector or a CSS class list), so files whose
 * words are not the learner's are named here with the reason.
 */
const notLearnerWords: Record<string, string> = {
  'site/lms/modules.ts': 'module titles and descriptions are course content, like a lab.json title',
  'site/lms/site-modules.ts': 'build-time errors for the author of modules.ts',
  'site/lms/suspend-data.ts': 'what was trimmed from the suspend data, for tests and diagnostics',
};

const files = (dir: string, ext = '.ts') => filesUnder(dir, new RegExp(`\\${ext}$`)).map((path) => relative(root, path));

/** Sentence-like literals of a script, comments left out. */
export function sentences(source: string): string[] {
  const code = withoutComments(source);
  const found: string[] = [];
  for (const m of code.matchAll(/(['`])((?:(?!\1)[^\\\n]|\\.)*?)\1/g)) {
    const text = m[2]!;
    if (/[A-Za-z]{2,} [a-z]{2,}/.test(text) && !/^[[.#]/.test(text) && !/^[a-z-]+( [a-z-]+)*$/.test(text)) found.push(text);
  }
  return found;
}

describe('site scripts take their sentences from the catalogue', () => {
  const scripts = [...files(join(root, 'site/islands')), ...files(join(root, 'site/lms'))];

  it('finds a sentence where there is one, and not in selectors or class lists', () => {
    expect(sentences("el.textContent = 'Your progress is being saved again.';")).toEqual(['Your progress is being saved again.']);
    expect(sentences("q('[data-step] .step-title'); e.className = 'ex-scroll ex-wide';")).toEqual([]);
    expect(sentences("// 'a comment with words'\nconst k = `relaylab:lab:${id}`;")).toEqual([]);
  });

  it('no script outside the lists holds a sentence', () => {
    for (const file of scripts) {
      if (file in notLearnerWords) continue;
      expect(sentences(readFileSync(join(root, file), 'utf8')), file).toEqual([]);
    }
  });

  it("no page's or component's <script> holds a sentence", () => {
    const astro = [...files(join(root, 'site/pages'), '.astro'), ...files(join(root, 'site/components'), '.astro')];
    expect(astro.length).toBeGreaterThan(5);
    for (const file of astro) {
      const scripts = astroScripts(readFileSync(join(root, file), 'utf8')).map((s) => s.code);
      expect(scripts.flatMap(sentences), file).toEqual([]);
    }
  });

  it('every exempt file exists', () => {
    for (const file of Object.keys(notLearnerWords)) expect(scripts, file).toContain(file);
  });
});
