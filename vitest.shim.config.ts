/**
 * The SMTP, socket and mail suites once more on the browser's stream (site/node-shims/stream.ts)
 * instead of Node's: `npx vitest run -c vitest.shim.config.ts`. smtp-server is inlined so that its
 * own `node:stream` import takes the alias too.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const shim = fileURLToPath(new URL('./site/node-shims/stream.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: [{ find: /^(node:)?stream$/, replacement: shim }] },
  test: {
    include: ['tests/unit/{net,mail,grader,postfix,differential,labs,shell}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    server: { deps: { inline: [/smtp-server/] } },
  },
});
