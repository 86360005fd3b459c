/**
 * The seams between parts hold: the mail server, the world, the grader and the coach reach the
 * simulation only through their small env interfaces (no import of
 * simulation.ts, which builds them — no import circle), and the host
 * constants every part names are defined in one place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../simulator');

function sources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') };
    });
}

describe('seams', () => {
  it.each(['mail', 'world', 'grader', 'coach'])('%s/ does not import simulation.ts', (dir) => {
    const offenders = sources(dir).filter((f) => /from '(\.\.\/)+simulation\.ts'/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('the shared host names are defined once (net/corp-hosts.ts)', () => {
    const all = sources('.');
    const defs = all.flatMap((f) => [...f.text.matchAll(/export const (MAIL_HOST|FW_HOST|OUTSIDE_HOST|MAIL_PUBLIC_IP|FW_PUBLIC_IP) =/g)].map((m) => `${f.path}:${m[1]}`));
    expect(defs.sort()).toEqual(['net/corp-hosts.ts:FW_HOST', 'net/corp-hosts.ts:FW_PUBLIC_IP', 'net/corp-hosts.ts:MAIL_HOST', 'net/corp-hosts.ts:MAIL_PUBLIC_IP', 'net/corp-hosts.ts:OUTSIDE_HOST']);
    const literal = all.filter((f) => !f.path.startsWith('net/corp-hosts.ts') && /machine\('(mail|fw)\.corp\.example'\)/.test(f.text)).map((f) => f.path);
    expect(literal).toEqual([]);
  });
});
