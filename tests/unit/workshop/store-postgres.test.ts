import { afterAll } from 'vitest';
import pg from 'pg';
import { openStore } from '../../../cli/workshop/store.ts';
import { storeSuite } from './store-suite.ts';
import { PG_URL, freshSchema } from './pg-test-db.ts';

const schemas: string[] = [];
let schema = '';
storeSuite('PostgreSQL (pg)', async (fresh) => {
  if (fresh) schemas.push((schema = freshSchema('store_test')));
  return openStore({ database: PG_URL, schema });
});

afterAll(async () => {
  const client = new pg.Client(PG_URL);
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
});
