import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { en } from '../../../simulator/i18n/en.ts';
import { t, format, useCatalogue, type Catalogue } from '../../../simulator/i18n/t.ts';

const dir = fileURLToPath(new URL('../../../simulator/i18n/en/', import.meta.url));

describe('the message catalogue', () => {
  it('holds every namespace file, each key once and under its own namespace', async () => {
    const seen = new Map<string, string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(`${dir}${file}`)) as Record<string, Catalogue>;
      const [name, part] = Object.entries(mod)[0]!;
      for (const key of Object.keys(part)) {
        expect(seen.get(key), `${key} in ${file} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, file);
        expect(key.startsWith(`${name}.`), `${key} in ${file} is not under "${name}."`).toBe(true);
        expect((en as Catalogue)[key], `${key} (${file}) is not merged into en.ts`).toBe(part[key]);
      }
    }
    expect(seen.size).toBe(Object.keys(en).length);
  });

  it('uses flat dotted keys and no placeholder without a name', () => {
    for (const [key, message] of Object.entries(en as Catalogue)) {
      expect(key).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9][a-zA-Z0-9-]*)+$/);
      const forms = typeof message === 'string' ? [message] : Object.entries(message).filter(([k]) => k !== 'count').map(([, v]) => v as string);
      for (const form of forms) expect(form, key).not.toMatch(/\{\s*\}/);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('coach.telnet-no-port', { host: 'mail' })).toContain('`telnet mail 25`');
    expect(format('coach.telnet-no-port')).toContain('{host}');
  });

  it('chooses plural forms by the locale rules, exact matches first', () => {
    const plural: Catalogue = {
      'coach.check-heading': { count: 'n', '=0': 'no steps', one: '{n} step', other: '{n} steps' },
    };
    useCatalogue(plural, 'en');
    try {
      expect(format('coach.check-heading', { n: 0 })).toBe('no steps');
      expect(format('coach.check-heading', { n: 1 })).toBe('1 step');
      expect(format('coach.check-heading', { n: 2 })).toBe('2 steps');
      useCatalogue({ 'coach.check-heading': { count: 'n', one: 'jeden', few: '{n} kroki', many: '{n} kroków', other: '{n} kroku' } }, 'pl');
      expect(format('coach.check-heading', { n: 3 })).toBe('3 kroki');
      expect(format('coach.check-heading', { n: 5 })).toBe('5 kroków');
      expect(format('coach.shell-prefix'), 'a missing key falls back to English').toBe('[relaylab coach] ');
    } finally {
      useCatalogue(en, 'en');
    }
  });

});
