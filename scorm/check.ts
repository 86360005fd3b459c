/**
 * What the SCORM schemas do not catch, checked on a package's files: every item's identifierref
 * names a resource, the default organization exists, every `<file href>` and launch href is in
 * the zip, every launched resource says its scormType, file names are plain ASCII without
 * spaces, and no page refers to anything outside the package (a root-absolute or another
 * host's URL in a src/href/url()) or to a folder or file the package lacks (a relative one: an
 * LMS serves files, and may not map a folder to its index.html).
 */
import { posix } from 'node:path';
import { strFromU8 } from 'fflate';
import { isPackagePath } from './package.ts';

type El = { name: string; attrs: Record<string, string>; children: El[] };

const unesc = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A small XML element reader (elements and attributes; text, comments and declarations skipped). */
export function parseXml(xml: string): El {
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g)) {
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`imsmanifest.xml: </${name}> closes <${top?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = unesc(a[2] ?? a[3] ?? '');
    const el: El = { name: name!, attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`imsmanifest.xml: <${stack[stack.length - 1]!.name}> is never closed`);
  return root;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
function all(el: El, name: string): El[] {
  const out: El[] = [];
  const visit = (e: El) => {
    if (local(e.name) === name) out.push(e);
    e.children.forEach(visit);
  };
  visit(el);
  return out;
}

export function checkPackage(files: ReadonlyMap<string, Uint8Array>): string[] {
  const errors: string[] = [];
  const text = files.get('imsmanifest.xml');
  if (!text) return ['imsmanifest.xml is not at the root of the package'];
  let doc: El;
  try {
    doc = parseXml(strFromU8(text));
  } catch (err) {
    return [(err as Error).message];
  }
  for (const path of files.keys()) if (!isPackagePath(path)) errors.push(`file name not plain ASCII without spaces: ${JSON.stringify(path)}`);
  const orgs = all(doc, 'organizations')[0];
  const orgIds = new Set(all(doc, 'organization').map((o) => o.attrs.identifier));
  if (!orgs) errors.push('no <organizations>');
  else if (!orgs.attrs.default) errors.push('<organizations> has no default organization');
  else if (!orgIds.has(orgs.attrs.default)) errors.push(`default organization ${orgs.attrs.default} does not exist`);
  const resources = new Map(all(doc, 'resource').map((r) => [r.attrs.identifier ?? '', r]));
  for (const item of all(doc, 'item')) {
    const ref = item.attrs.identifierref;
    if (ref === undefined) continue;
    const res = resources.get(ref);
    if (!res) {
      errors.push(`item ${item.attrs.identifier}: identifierref ${ref} names no resource`);
      continue;
    }
    const type = res.attrs['adlcp:scormType'] ?? res.attrs['adlcp:scormtype'];
    if (type !== 'sco' && type !== 'asset') errors.push(`resource ${ref}: adlcp:scormType is ${type === undefined ? 'missing' : JSON.stringify(type)}`);
  }
  const inZip = (href: string) => files.has(decodeURI(href.replace(/[?#].*$/, '')));
  for (const res of resources.values()) {
    if (res.attrs.href && !inZip(res.attrs.href)) errors.push(`resource ${res.attrs.identifier}: href ${res.attrs.href} is not in the package`);
    for (const f of all(res, 'file')) if (!inZip(f.attrs.href ?? '')) errors.push(`resource ${res.attrs.identifier}: <file href="${f.attrs.href}"> is not in the package`);
  }
  for (const [path, bytes] of files) {
    if (!/\.(html|css)$/.test(path)) continue;
    const body = strFromU8(bytes);
    for (const m of body.matchAll(/\s(?:href|src)=["']([^"']*)["']|url\(\s*["']?([^"')]*)/g)) {
      const url = m[1] ?? m[2] ?? '';
      if (/^(\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(url)) errors.push(`${path}: refers outside the package: ${url}`);
      else if (url !== '' && !/^([#?]|[a-z][a-z0-9+.-]*:)/i.test(url)) {
        const target = posix.normalize(posix.join(posix.dirname(path), decodeURI(url.replace(/[?#].*$/, ''))));
        if (!files.has(target)) errors.push(`${path}: refers to ${url}, not a file of the package`);
      }
    }
  }
  return errors;
}
