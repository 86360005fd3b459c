/**
 * The two databases behind one small surface: a query function and a
 * transaction. The store (store.ts) writes its SQL once, with `?`
 * placeholders, in the subset SQLite and PostgreSQL share.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

export type Row = Record<string, unknown>;
export type Query = (sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export interface SqlDb {
  readonly kind: 'sqlite' | 'postgres';
  /** Run `fn` in one transaction: all of it is stored, or none. */
  tx<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  query: Query;
  close(): Promise<void>;
}

/**
 * SQLite through better-sqlite3 (synchronous; one connection). WAL with
 * synchronous=FULL: a transaction acknowledged is on disk, even if the
 * laptop loses power. Transactions are queued one after another, because
 * the store's code awaits between statements and two requests must not
 * interleave on the one connection.
 */
export function openSqlite(file: string): SqlDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement>();
  const query: Query = async (sql, params = []) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql)));
    if (st.reader) return st.all(...params) as Row[];
    st.run(...params);
    return [];
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: 'sqlite',
    query,
    tx<T>(fn: (q: Query) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(query);
          db.exec('COMMIT');
          return out;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      db.close();
    },
  };
}

/** `?` → `$1, $2…` (the store's SQL has no `?` inside literals). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * PostgreSQL through `pg` (a pool). `schema` keeps one workshop's tables apart
 * (tests use a fresh schema each run).
 */
export async function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Promise<SqlDb> {
  const schema = opts.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema name '${schema}' must be lower-case letters, digits and _`);
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client that errors (server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const run = async (client: pg.PoolClient | pg.Pool, sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), params as unknown[])).rows as Row[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async tx<T>(fn: (q: Query) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn((sql, params) => run(client, sql, params));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
