/** `relaylab scorm` (and npm run build:scorm): zips per module and edition, narrowed by flags; mistakes are named. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { scormCommand } from '../../../scorm/build.ts';
import { readLabInfos, readTracksFile } from '../../../scorm/package.ts';
import { allModules } from '../../../site/lms/modules.ts';
import { fakeDist } from './fake-dist.ts';

const dist = fakeDist(allModules(readLabInfos('labs'), readTracksFile('labs')));
const out = () => mkdtempSync(join(tmpdir(), 'relaylab-scorm-'));

describe('relaylab scorm', () => {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  afterEach(() => {
    stderr.mockClear();
    stdout.mockClear();
  });

  it('writes one zip per module and edition', () => {
    const dir = out();
    expect(scormCommand(['--dist', dist, '--out', dir])).toBe(0);
    const zips = readdirSync(dir).sort();
    expect(zips).toContain('relaylab-admin-track-scorm-2004-4th.zip');
    expect(zips).toContain('relaylab-lab-speak-smtp-scorm-1p2.zip');
    expect(zips.length).toBe(allModules(readLabInfos('labs'), readTracksFile('labs')).length * 3);
  });

  it('narrows to the modules and editions asked for', () => {
    const dir = out();
    expect(scormCommand(['--dist', dist, '--out', dir, '--module', 'lab-speak-smtp', '--edition', '1.2'])).toBe(0);
    expect(readdirSync(dir)).toEqual(['relaylab-lab-speak-smtp-scorm-1p2.zip']);
  });

  it('names an unknown module, an unknown edition and a site that was not built', () => {
    expect(scormCommand(['--dist', dist, '--out', out(), '--module', 'nope'])).toBe(1);
    expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/unknown module nope; modules: (\S+, )*admin-track, /);
    expect(scormCommand(['--edition', '2004'])).toBe(2);
    expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/unknown edition 2004 \(2004-4th, 2004-3rd, 1\.2\)/);
    const dir = out();
    expect(scormCommand(['--dist', join(dir, 'missing'), '--out', dir])).toBe(1);
    expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/is not in .*missing \(run astro build\)/);
    expect(existsSync(join(dir, 'relaylab-admin-track-scorm-1p2.zip'))).toBe(false);
  });
});

it('`relaylab scorm` (the installed command) writes the zip asked for, its manifest first', () => {
  const dir = out();
  const bin = fileURLToPath(new URL('../../../bin/relaylab.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [bin, 'scorm', '--dist', dist, '--out', dir, '--module', 'staff-track', '--edition', '2004-4th'], { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^relaylab-staff-track-scorm-2004-4th\.zip  \d+ KB  \d+ files\n$/);
  const files = Object.keys(unzipSync(readFileSync(join(dir, 'relaylab-staff-track-scorm-2004-4th.zip'))));
  expect(files[0]).toBe('imsmanifest.xml');
  expect(files).toContain('labs/staff-your-desk/index.html');
});
