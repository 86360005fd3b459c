/**
 * Prints the differences between the fixtures and the simulation, case by case, as
 * line diffs (a developer's view of what the differential test compares):
 *   npx tsx tests/differential/show-diff.ts [case-id…]
 */
import { readFileSync } from 'node:fs';
import { CASES } from './cases.ts';
import { items } from './compare.ts';
import type { Fixture } from './fixture.ts';
import { SimPlayer } from './sim-player.ts';

const only = process.argv.slice(2);
for (const c of CASES) {
  if (only.length && !only.includes(c.id)) continue;
  const f = JSON.parse(readFileSync(new URL(`../fixtures/postfix/${c.id}.json`, import.meta.url), 'utf8')) as Fixture;
  const sim = await new SimPlayer().play(c, f.results);
  const ours = new Map(items(c, sim, false).map((i) => [i.key, i.value]));
  for (const r of items(c, f.results, true)) {
    const s = ours.get(r.key) ?? '';
    if (s === r.value) continue;
    const a = r.value.split('\n');
    const b = s.split('\n');
    console.log(`## ${r.key}`);
    for (const l of a) if (!b.includes(l)) console.log(`  real+ ${l.slice(0, 220)}`);
    for (const l of b) if (!a.includes(l)) console.log(`  sim+  ${l.slice(0, 220)}`);
  }
}
process.exit(0);
