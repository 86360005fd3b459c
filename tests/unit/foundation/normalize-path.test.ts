/**
 * normalizePath returns a path that is already normal as it is (a fast path
 * for the shell's many file operations): the answer must be the one the full
 * normalisation gives, for normal paths and for each form that is not.
 */
import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../../simulator/host/host-fs.ts';

/** The full normalisation, written out: resolve against cwd, drop empty and `.` parts, apply `..`. */
function resolved(path: string, cwd: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

const PATHS = [
  '/', '/etc/postfix/main.cf', '/root/.bashrc', '/..x', '/a/..b/c', '/.../x', '/a/b.', // normal
  '', '.', '..', 'a', 'a/b', '/a/', '//a', '/a//b', '/.', '/..', '/a/.', '/a/..', '/a/./b', '/a/b/../c', '/x/.hidden/..', '/a/b/', // not
];

describe('normalizePath', () => {
  it.each(PATHS)('%j is what the full normalisation makes of it', (path) => {
    for (const cwd of ['/', '/root', '/var/log']) expect(normalizePath(path, cwd)).toBe(resolved(path, cwd));
  });
});
