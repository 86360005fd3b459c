import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { browserCatalogue, browserZod, nodeShimAliases } from './site/node-shims/vite-aliases.ts';
import { chunkModules } from './bench/chunk-modules.ts';
import { modulePreload } from './site/build/module-preload.ts';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  // Not node_modules/.astro: worktrees share node_modules, and parallel builds overwrote each other's content store.
  cacheDir: './.astro/cache',
  // modulePreload: every chunk a page's scripts import is asked for at once (site/build/module-preload.ts).
  integrations: [mdx(), modulePreload()],
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    resolve: { alias: nodeShimAliases },
    // chunkModules: what each client chunk holds, for bench/bundle-sources.ts.
    plugins: [browserZod, browserCatalogue, chunkModules],
    // terser, not esbuild's minifier: ~3% less gzip on the lab page, which sits near its 600 KB ceiling (issue 12).
    build: { chunkSizeWarningLimit: 2000, minify: 'terser' },
    // Scripts find the chunks they load relative to themselves, not from the site root: the same
    // build then also runs from a SCORM package's folder inside an LMS (scorm/, README "SCORM").
    experimental: { renderBuiltUrl: (_file, { hostType }) => (hostType === 'js' ? { relative: true } : undefined) },
  },
});
