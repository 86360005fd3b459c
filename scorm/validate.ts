/**
 * imsmanifest.xml against the official schemas of its edition (scorm/schemas/, see the README
 * there), with libxml2's validator (xmllint-wasm, no network: every schema file is handed in).
 * One manifest spans several namespaces, so a small driver schema imports each of them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { schemaSet, type Edition, type SchemaSet } from './manifest.ts';
import { SCHEMAS_DIR } from './package.ts';

// 2004 3rd and 4th name the same namespaces and files; each reads its own folder.
const IMPORTS_2004: [string, string][] = [
  // imscp_v1p1.xsd imports the xml: namespace from www.w3.org (4th) or beside it (3rd); the copy shipped is read first either way.
  ['http://www.w3.org/XML/1998/namespace', 'xml.xsd'],
  ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
  ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
  ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
  ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
  ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
];

const IMPORTS: Record<SchemaSet, [string, string][]> = {
  '2004-4th': IMPORTS_2004,
  '2004-3rd': IMPORTS_2004,
  '1.2': [
    ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
  ],
};

function files(dir: string, prefix = ''): { fileName: string; contents: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return files(full, `${prefix}${name}/`);
      return /\.(xsd|dtd)$/.test(name) ? [{ fileName: `${prefix}${name}`, contents: readFileSync(full, 'utf8').replace(/^\uFEFF/, '') }] : [];
    });
}

export async function validateManifest(xml: string, edition: Edition): Promise<string[]> {
  const set = schemaSet(edition);
  const driver = `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${IMPORTS[set].map(([ns, loc]) => `  <xs:import namespace="${ns}" schemaLocation="${loc}"/>`).join('\n')}\n</xs:schema>\n`;
  const result = await validateXML({
    xml: [{ fileName: 'imsmanifest.xml', contents: xml }],
    schema: [{ fileName: 'driver.xsd', contents: driver }],
    preload: files(join(SCHEMAS_DIR, set)),
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
