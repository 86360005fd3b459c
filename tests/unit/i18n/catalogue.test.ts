import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT as root, filesUnder } from './site-sources.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from '../../../simulator/i18n/en.ts';
import { t, format, useCatalogue, type Catalogue } from '../../../simulator/i18n/t.ts';

const dir = fileURLToPath(new URL('../../../simulator/i18n/en/', import.meta.url));

const sources = (folder: string) => filesUnder(folder, /\.(ts|tsx|astro)$/);

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

  it('defines each key once in its file (a repeated key would silently replace the first)', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const keys = [...readFileSync(`${dir}${file}`, 'utf8').matchAll(/^\s*'([a-z][\w.-]*)':/gm)].map((m) => m[1]!);
      expect(keys.length, file).toBeGreaterThan(0);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), file).toEqual([]);
    }
  });

  it('holds every key the code names literally (in t(…), format(…) or a ternary choosing one)', () => {
    const namespaces = [...new Set(Object.keys(en).map((k) => k.slice(0, k.indexOf('.'))))].join('|');
    const literal = new RegExp(`'((?:${namespaces})\\.[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*)'`, 'g');
    const missing: string[] = [];
    let used = 0;
    for (const folder of ['simulator', 'cli', 'site']) {
      for (const path of sources(join(root, folder))) {
        if (path.startsWith(join(root, 'simulator', 'i18n'))) continue;
        for (const m of readFileSync(path, 'utf8').matchAll(literal)) {
          if (/\.(json|ts|mdx?|js)$/.test(m[1]!)) continue; // a file name (lab.json), not a key
          used++;
          if (!(m[1]! in en)) missing.push(`${m[1]} (${path.slice(root.length)})`);
        }
      }
    }
    expect(used).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
