import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { nodeShimAliases } from './site/node-shims/vite-aliases.ts';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  integrations: [mdx()],
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    resolve: { alias: nodeShimAliases },
    build: { chunkSizeWarningLimit: 2000 },
    // Scripts find the chunks they load relative to themselves, not from the site root: the same
    // build then also runs from a SCORM package's folder inside an LMS (scorm/, README "SCORM").
    experimental: { renderBuiltUrl: (_file, { hostType }) => (hostType === 'js' ? { relative: true } : undefined) },
  },
});
