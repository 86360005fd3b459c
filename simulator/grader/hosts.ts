/**
 * Host names as labs write them: any name the learner could type, plus the
 * group `workstations` (every ws host, whichever the seed infected).
 */
import type { GraderEnv } from './grader-env.ts';
import { workstations } from '../net/topology.ts';
import { t } from '../i18n/t.ts';

export const HOST_GROUPS = ['workstations'] as const;

export function expandHosts(sim: GraderEnv, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (n === 'workstations') out.push(...workstations(sim.topology).map((h) => h.name));
    else out.push(sim.machine(n).host.name);
  }
  return [...new Set(out)];
}

export function shortName(fqdn: string): string {
  return fqdn.split('.')[0]!;
}

/** The address other hosts see this one by (its first interface). */
export function hostIp(sim: GraderEnv, name: string): string {
  return sim.machine(name).host.interfaces[0]!.ip;
}

/** "a, b and 3 more": keeps reasons to one line. */
export function listShort(items: readonly string[], max = 4): string {
  const sep = t('grader.list.separator');
  if (items.length <= max) return items.join(sep);
  return t('grader.list.and-more', { items: items.slice(0, max).join(sep), n: items.length - max });
}
