/**
 * Reading the site's sources as text, for the catalogue tests: the files under a folder, the
 * <script> blocks of an .astro file, code without its comments.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every file below `dir` whose name matches, as absolute paths. */
export function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path, name) : name.test(entry) ? [path] : [];
  });
}

/** The <script> blocks of a page or component (JSON data blocks left out); `inline` ones are not bundled. */
export function astroScripts(source: string): Array<{ code: string; inline: boolean }> {
  return [...source.matchAll(/<script(?![^>]*type="application\/json")([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ code: m[2]!, inline: /\bis:inline\b/.test(m[1]!) }));
}

export const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
