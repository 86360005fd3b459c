import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../cli/workshop/store.ts';
import { storeSuite } from './store-suite.ts';

let file = '';
storeSuite('SQLite (better-sqlite3)', async (fresh) => {
  if (fresh) file = join(mkdtempSync(join(tmpdir(), 'relaylab-store-')), 'workshop.db');
  return openStore({ data: file });
});
