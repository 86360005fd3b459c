/**
 * Packages of every edition: the manifest validates against the edition's official schemas
 * (scorm/schemas/), the checker finds nothing, every URL in the pages is relative and inside the
 * package — and the checker does catch what the schemas miss.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { TRACKS, allModules } from '../../../site/lms/modules.ts';
import { EDITIONS } from '../../../scorm/manifest.ts';
import { buildPackage, zipPackage } from '../../../scorm/package.ts';
import { checkPackage } from '../../../scorm/check.ts';
import { validateManifest } from '../../../scorm/validate.ts';
import { fakeDist } from './fake-dist.ts';

const mods = allModules([{ id: 'speak-smtp', title: 'Speak SMTP', audience: 'admin', teaches: 'SMTP' }]);
const admin = TRACKS.find((t) => t.id === 'admin-track')!;
const dist = fakeDist([...mods, admin]);

describe.each(EDITIONS)('SCORM %s package', (edition) => {
  const pkg = buildPackage(dist, admin, edition);
  const manifest = strFromU8(pkg.files.get('imsmanifest.xml')!);

  it('has a manifest that validates against the official schemas of its edition', async () => {
    expect(await validateManifest(manifest, edition)).toEqual([]);
    expect(manifest).toContain(edition === '1.2' ? '<schemaversion>1.2</schemaversion>' : `<schemaversion>2004 ${edition === '2004-4th' ? '4th' : '3rd'} Edition</schemaversion>`);
  });

  it('passes the checker, and the zip holds the manifest at its root with the schema files', () => {
    expect(checkPackage(pkg.files)).toEqual([]);
    const unzipped = unzipSync(zipPackage(pkg));
    expect(Object.keys(unzipped)[0]).toBe('imsmanifest.xml');
    expect(Object.keys(unzipped)).toContain(edition === '1.2' ? 'imscp_rootv1p1p2.xsd' : 'imsss_v1p0util.xsd');
    expect(Object.keys(unzipped)).toContain('labs/close-the-relay/index.html');
  });

  it('rewrites every URL relative to its page and drops links that leave the package', () => {
    const lab = strFromU8(pkg.files.get('labs/speak-smtp/index.html')!);
    expect(lab).toContain('src="../../_astro/page.abc123.js"');
    expect(lab).toContain('import("../../_astro/chunk.def456.js")');
    expect(lab).toContain('href="../../favicon.svg"');
    expect(lab).not.toMatch(/(href|src)="\//);
    expect(lab).toContain('<a data-outside-package="">Relay Lab</a>');
    // A link the content wrote relative to the page (MDX) names the file too, or loses its href.
    const lesson = strFromU8(pkg.files.get('lessons/open-relays/index.html')!);
    expect(lesson).toContain('<a href="../../labs/speak-smtp/index.html#top">Speak SMTP</a>');
    expect(lesson).toContain('<a data-outside-package="">Not here</a>');
    const player = strFromU8(pkg.files.get(pkg.launch)!);
    expect(player).toContain('href="../../labs/open-relay-test/index.html"');
    expect(player).toContain('href="../../certificate/index.html?module=admin-track"');
  });
});

describe('the package checker', () => {
  const good = buildPackage(dist, admin, '2004-4th');
  const withManifest = (edit: (xml: string) => string) => {
    const files = new Map(good.files);
    files.set('imsmanifest.xml', strToU8(edit(strFromU8(good.files.get('imsmanifest.xml')!))));
    return files;
  };

  it('catches an identifierref that names no resource', () => {
    expect(checkPackage(withManifest((x) => x.replace('identifierref="sco-', 'identifierref="gone-')))).toEqual([expect.stringMatching(/identifierref gone-relaylab-admin-track names no resource/)]);
  });
  it('catches a default organization that does not exist', () => {
    expect(checkPackage(withManifest((x) => x.replace('<organizations default="org-', '<organizations default="nope-')))).toEqual([expect.stringMatching(/default organization nope-.* does not exist/)]);
  });
  it('catches a <file href> that is not in the zip', () => {
    const files = new Map(good.files);
    files.delete('labs/speak-smtp/index.html');
    const errors = checkPackage(files);
    expect(errors[0]).toContain('<file href="labs/speak-smtp/index.html"> is not in the package');
    // …and every page linking to it says so.
    expect(errors).toContain('modules/admin-track/index.html: refers to ../../labs/speak-smtp/index.html, not a file of the package');
    expect(errors).toContain('lessons/open-relays/index.html: refers to ../../labs/speak-smtp/index.html#top, not a file of the package');
  });
  it('catches a resource without adlcp:scormType', () => {
    expect(checkPackage(withManifest((x) => x.replace(' adlcp:scormType="sco"', '')))).toEqual([expect.stringMatching(/adlcp:scormType is missing/)]);
  });
  it('catches file names with spaces or non-ASCII characters, and URLs that leave the package', () => {
    const files = new Map(good.files);
    files.set('_astro/Lab Übung.js', strToU8(''));
    files.set('labs/speak-smtp/index.html', strToU8('<link href="https://fonts.example/x.css"><script src="/_astro/a.js"></script>'));
    expect(checkPackage(files)).toEqual([
      'file name not plain ASCII without spaces: "_astro/Lab Übung.js"',
      'labs/speak-smtp/index.html: refers outside the package: https://fonts.example/x.css',
      'labs/speak-smtp/index.html: refers outside the package: /_astro/a.js',
    ]);
  });
  it('catches a relative URL naming a folder or a file the package lacks', () => {
    const files = new Map(good.files);
    files.set('lessons/open-relays/index.html', strToU8('<a href="../../labs/speak-smtp/">lab</a><img src="pic.png"><a href="../../labs/speak-smtp/index.html#x">ok</a><a href="mailto:abuse@isp.example">mail</a><a href="#main">top</a>'));
    expect(checkPackage(files)).toEqual([
      'lessons/open-relays/index.html: refers to ../../labs/speak-smtp/, not a file of the package',
      'lessons/open-relays/index.html: refers to pic.png, not a file of the package',
    ]);
  });
  it('the schemas themselves refuse what they should (a bad scormType value)', async () => {
    const bad = strFromU8(good.files.get('imsmanifest.xml')!).replace('adlcp:scormType="sco"', 'adlcp:scormType="lesson"');
    expect((await validateManifest(bad, '2004-4th')).join('\n')).toMatch(/scormType/);
    const old = buildPackage(dist, admin, '1.2');
    const bad12 = strFromU8(old.files.get('imsmanifest.xml')!).replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"');
    expect((await validateManifest(bad12, '1.2')).join('\n')).toMatch(/scormtype/);
  });
});
