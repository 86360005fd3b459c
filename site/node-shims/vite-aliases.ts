/**
 * How browser builds get the Node built-ins smtp-server and just-bash need: real
 * polyfills where behaviour matters (events, readable-stream v4, buffer,
 * process), small stand-ins in this folder for the rest.
 */
import { fileURLToPath } from 'node:url';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

const map: Record<string, string> = {
  stream: 'readable-stream',
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
