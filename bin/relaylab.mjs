#!/usr/bin/env node
// The `relaylab` command. The code is TypeScript; tsx compiles it on the fly,
// so `npx relaylab` works straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
