/**
 * imsmanifest.xml for one module as one SCO, in the three editions LMSs ask for. 2004 3rd and
 * 4th share the namespaces and schema file names (each edition ships its own set of them); only
 * the schemaversion differs, and nothing here uses what the 4th added, so one text fits both.
 * 1.2 has its own namespaces (and spells `adlcp:scormtype` in lower case).
 */
export type Edition = '2004-4th' | '2004-3rd' | '1.2';
export const EDITIONS: readonly Edition[] = ['2004-4th', '2004-3rd', '1.2'];

/** Which schema folder of scorm/schemas/ the edition's package carries. */
export type SchemaSet = Edition;
export const schemaSet = (e: Edition): SchemaSet => e;

export type ManifestInput = { id: string; title: string; launch: string; files: readonly string[]; edition: Edition };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ident = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '-');

export function manifestXml(m: ManifestInput): string {
  const files = m.files.map((f) => `      <file href="${esc(f)}"/>`).join('\n');
  const id = ident(`relaylab-${m.id}`);
  if (m.edition === '1.2') {
    return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-${id}">
    <organization identifier="org-${id}">
      <title>${esc(m.title)}</title>
      <item identifier="item-${id}" identifierref="sco-${id}" isvisible="true">
        <title>${esc(m.title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-${id}" type="webcontent" adlcp:scormtype="sco" href="${esc(m.launch)}">
${files}
    </resource>
  </resources>
</manifest>
`;
  }
  const version = m.edition === '2004-4th' ? '2004 4th Edition' : '2004 3rd Edition';
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${version}</schemaversion>
  </metadata>
  <organizations default="org-${id}">
    <organization identifier="org-${id}">
      <title>${esc(m.title)}</title>
      <item identifier="item-${id}" identifierref="sco-${id}">
        <title>${esc(m.title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-${id}" type="webcontent" adlcp:scormType="sco" href="${esc(m.launch)}">
${files}
    </resource>
  </resources>
</manifest>
`;
}
