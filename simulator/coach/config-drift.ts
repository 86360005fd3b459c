/**
 * "Edited but not reloaded": main.cf (or master.cf) on disk says something
 * the running smtpd does not do. Compared as Postfix reads them — every
 * parameter's expanded value per smtpd service — so a comment, spacing or a
 * value spelt out as its default is not a change that matters. A file that
 * `postfix reload` would refuse is a different mistake (postfix prints it).
 */
import type { EffectiveConfig } from '../postfix/index.ts';
import { splitList } from '../postfix/index.ts';
import type { GraderEnv } from '../grader/grader-env.ts';

function differs(a: EffectiveConfig, b: EffectiveConfig): boolean {
  const names = new Set([...a.explicit.keys(), ...b.explicit.keys()]);
  for (const n of names) if (splitList(a.get(n)).join(' ') !== splitList(b.get(n)).join(' ')) return true;
  return false;
}

/** True when a reload would change what the running smtpd services do. */
export function unappliedEdit(sim: GraderEnv): boolean {
  const server = sim.mailServer;
  if (!server.running) return false;
  const disk = server.load();
  if (!disk.ok || !disk.services) return false;
  if (disk.services.size !== server.services.size) return true;
  for (const [name, svc] of server.services) {
    const next = disk.services.get(name);
    if (!next || next.port !== svc.port || differs(svc.config, next.config)) return true;
  }
  return false;
}
