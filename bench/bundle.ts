/** A bench module bundled for a blank Chromium page with esbuild and the site's Node shims (as the lab page gets them). */
import { build } from 'esbuild';
import { nodeShimAliases } from '../site/node-shims/vite-aliases.ts';

/** `contents`: TypeScript run after the shims' globals, resolved from bench/; returns an IIFE script. */
export async function bundleForPage(contents: string): Promise<string> {
  const aliases = nodeShimAliases;
  const out = await build({
    stdin: {
      contents: `import '../site/node-shims/globals.ts'; ${contents}`,
      resolveDir: new URL('.', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [{
      name: 'node-shims',
      setup(b) {
        b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, async (args) => {
          const hit = aliases.find((a) => a.find.test(args.path));
          if (!hit || args.pluginData) return undefined;
          const r = await b.resolve(hit.replacement, { resolveDir: args.resolveDir, kind: args.kind, pluginData: true });
          return { path: r.path };
        });
      },
    }],
  });
  return out.outputFiles[0]!.text;
}
