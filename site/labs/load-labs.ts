/**
 * The labs at build time: lab.json files and their MDX, gathered by Vite's
 * import.meta.glob and checked by the same validator as `relaylab labs
 * validate`. An invalid lab fails the build with every error, file and field.
 */
import { validateLab } from '../../simulator/labs/validate.ts';
import { formatLabError } from '../../simulator/labs/friendly-errors.ts';
import type { Lab } from '../../simulator/labs/schema.ts';

const definitions = import.meta.glob('../../labs/*/lab.json', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;
const mdx = import.meta.glob('../../labs/*/**/*.mdx', { eager: true }) as Record<string, { default: unknown }>;
const lessonFiles = Object.keys(import.meta.glob('../../content/lessons/*.mdx'));

export type BuiltLab = { lab: Lab; component(file: string): unknown };

function folderOf(path: string): string {
  return path.split('/labs/')[1]!.split('/')[0]!;
}

export function allLabs(): BuiltLab[] {
  const dirs = Object.keys(definitions).map(folderOf).sort();
  const lessons = lessonFiles.map((f) => f.split('/').pop()!.replace(/\.mdx$/, ''));
  const errors: string[] = [];
  const out: BuiltLab[] = [];
  for (const [path, text] of Object.entries(definitions)) {
    const dir = folderOf(path);
    const prefix = `../../labs/${dir}/`;
    const files = new Set(Object.keys(mdx).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
    const r = validateLab({ dir, file: `labs/${dir}/lab.json`, text, files }, { labs: dirs, lessons });
    if (!r.lab) errors.push(...r.errors.map(formatLabError));
    else out.push({ lab: r.lab, component: (file) => mdx[prefix + file]!.default });
  }
  // A folder with step texts but no lab.json is a lab whose definition is missing (relaylab labs validate says the same).
  for (const dir of new Set(Object.keys(mdx).map(folderOf))) {
    if (!dirs.includes(dir)) errors.push(`labs/${dir}/lab.json: (file): not found: every folder here is read as a lab, and ${dir}/ has no lab.json.`);
  }
  if (errors.length) throw new Error(`Invalid lab definitions:\n${errors.join('\n')}`);
  return out.sort((a, b) => a.lab.id.localeCompare(b.lab.id));
}
