/**
 * How browser builds get the Node built-ins smtp-server and just-bash need: real
 * polyfills where behaviour matters (events, buffer, process), small stand-ins in
 * this folder for the rest (stream.ts keeps Node's stream semantics that the SMTP
 * code relies on; vitest.shim.config.ts runs the SMTP suites on it).
 */
import { fileURLToPath } from 'node:url';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

const map: Record<string, string> = {
  // Not readable-stream (~28 KB gzip): what smtp-server and the virtual socket use, with Node's semantics.
  stream: here('./stream.ts'),
  events: 'events/',
  buffer: 'buffer/',
  process: 'process/browser.js',
  net: here('./net.ts'),
  tls: here('./tls.ts'),
  dns: here('./dns.ts'),
  os: here('./os.ts'),
  crypto: here('./crypto.ts'),
  util: here('./util.ts'),
  // just-bash's browser bundle: only gzip/zcat use it.
  zlib: here('./zlib.ts'),
  // just-bash's html-to-markdown, which the lab lists as absent.
  turndown: here('./turndown.ts'),
};

export const nodeShimAliases = [
  ...Object.entries(map).map(([mod, target]) => ({ find: new RegExp(`^(node:)?${mod}$`), replacement: target })),
  { find: /^nodemailer\/lib\/shared$/, replacement: here('./nodemailer-shared.ts') },
];

/**
 * zod for client code only (site/node-shims/zod.ts): the build's server side — the pages that
 * validate every lab and embed it parsed — keeps the real one.
 */
export const browserZod = {
  name: 'relaylab:browser-zod',
  enforce: 'pre' as const,
  resolveId(id: string, _importer: string | undefined, opts?: { ssr?: boolean }) {
    return id === 'zod' && !opts?.ssr ? here('./zod.ts') : null;
  },
};

/**
 * The message catalogue for client code only (simulator/i18n/en-page.ts): the pages' scripts get
 * the namespaces they speak, not the CLI's and the validator's sentences (~7 KB gzip); the build's
 * server side and Node keep the whole catalogue.
 */
export const browserCatalogue = {
  name: 'relaylab:browser-catalogue',
  enforce: 'pre' as const,
  resolveId(id: string, importer: string | undefined, opts?: { ssr?: boolean }) {
    return id === './en.ts' && !opts?.ssr && importer?.replace(/\?.*$/, '').endsWith('/simulator/i18n/t.ts') ? here('../../simulator/i18n/en-page.ts') : null;
  },
};
