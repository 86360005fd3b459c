/**
 * The progress store over either database (sql-db.ts): one schema, one set of
 * statements, one transaction per write. `openStore` picks the database from
 * `--data FILE` (SQLite) or `--database postgres://…`.
 */
import { openPostgres, openSqlite, type Query, type Row, type SqlDb } from './sql-db.ts';
import { nameKey, reasonKey, type ClassData, type ProgressStore, type Seat, type StepState, type WorkshopEvent, type WrongFix } from './types.ts';

const schema = (kind: SqlDb['kind']) => [
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS seats (
     id ${kind === 'postgres' ? 'SERIAL' : 'INTEGER'} PRIMARY KEY, token TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
     name_key TEXT NOT NULL UNIQUE, seed BIGINT NOT NULL, joined_at BIGINT NOT NULL, last_at BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS events (
     id TEXT PRIMARY KEY, seat INTEGER NOT NULL REFERENCES seats(id), lab TEXT NOT NULL, step TEXT NOT NULL,
     kind TEXT NOT NULL, at BIGINT NOT NULL, seq INTEGER NOT NULL, detail TEXT NOT NULL, reason_key TEXT NOT NULL,
     received BIGINT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS events_kind ON events (kind, lab, step)`,
  `CREATE TABLE IF NOT EXISTS step_state (
     seat INTEGER NOT NULL REFERENCES seats(id), lab TEXT NOT NULL, step TEXT NOT NULL,
     status TEXT NOT NULL, status_seq INTEGER NOT NULL, since BIGINT NOT NULL, first_at BIGINT,
     hints INTEGER NOT NULL, wrong_fixes INTEGER NOT NULL, show_me INTEGER NOT NULL,
     answer TEXT NOT NULL, answer_seq INTEGER NOT NULL, PRIMARY KEY (seat, lab, step))`,
];

/** Which events set a status, and which status. Others only count (hints, wrong fixes, show-me) or answer. */
const STATUS: Partial<Record<WorkshopEvent['kind'], string>> = { passed: 'passed', reopened: 'reopened', opened: 'opened', complete: 'complete' };

// One upsert applies any new event to where the attendee stands; the later status (by the page's seq) wins,
// so events resent out of order leave the same state.
const UPSERT_STATE = `INSERT INTO step_state (seat, lab, step, status, status_seq, since, first_at, hints, wrong_fixes, show_me, answer, answer_seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (seat, lab, step) DO UPDATE SET
    status = CASE WHEN excluded.status_seq > step_state.status_seq THEN excluded.status ELSE step_state.status END,
    since = CASE WHEN excluded.status_seq > step_state.status_seq THEN excluded.since ELSE step_state.since END,
    status_seq = CASE WHEN excluded.status_seq > step_state.status_seq THEN excluded.status_seq ELSE step_state.status_seq END,
    first_at = CASE WHEN step_state.first_at IS NULL OR (excluded.first_at IS NOT NULL AND excluded.first_at < step_state.first_at)
                    THEN excluded.first_at ELSE step_state.first_at END,
    hints = step_state.hints + excluded.hints,
    wrong_fixes = step_state.wrong_fixes + excluded.wrong_fixes,
    show_me = step_state.show_me + excluded.show_me,
    answer = CASE WHEN excluded.answer_seq > step_state.answer_seq THEN excluded.answer ELSE step_state.answer END,
    answer_seq = CASE WHEN excluded.answer_seq > step_state.answer_seq THEN excluded.answer_seq ELSE step_state.answer_seq END`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toSeat = (r: Row): Seat => ({ id: Number(r.id), token: String(r.token), name: String(r.name), seed: Number(r.seed), joinedAt: Number(r.joined_at), lastAt: Number(r.last_at) });
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505' || /UNIQUE constraint/.test(String((err as Error).message));

export class SqlProgressStore implements ProgressStore {
  private constructor(private readonly db: SqlDb) {}
  get kind() {
    return this.db.kind;
  }

  static async open(db: SqlDb): Promise<SqlProgressStore> {
    await db.tx(async (q) => {
      for (const s of schema(db.kind)) await q(s);
    });
    return new SqlProgressStore(db);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const rows = await this.db.query('SELECT value FROM meta WHERE key = ?', [key]);
    return rows[0] ? String(rows[0].value) : undefined;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.tx((q) => q('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]));
  }

  async join(name: string, token: string | undefined, now: number, seedFor: (seatId: number) => number, newToken: () => string): Promise<Seat> {
    const attempt = () =>
      this.db.tx(async (q) => {
        if (token) {
          const [byToken] = await q('SELECT * FROM seats WHERE token = ?', [token]);
          if (byToken) return toSeat(byToken);
        }
        const [byName] = await q('SELECT * FROM seats WHERE name_key = ?', [nameKey(name)]);
        if (byName) return toSeat(byName);
        const [created] = await q('INSERT INTO seats (token, name, name_key, seed, joined_at, last_at) VALUES (?, ?, ?, 0, ?, ?) RETURNING id', [newToken(), name.trim().replace(/\s+/g, ' '), nameKey(name), now, now]);
        const id = Number(created!.id);
        await q('UPDATE seats SET seed = ? WHERE id = ?', [seedFor(id), id]);
        return toSeat((await q('SELECT * FROM seats WHERE id = ?', [id]))[0]!);
      });
    try {
      return await attempt();
    } catch (err) {
      // Two browsers joining with one name at once (PostgreSQL): the second finds the first's seat.
      if (isUniqueViolation(err)) return attempt();
      throw err;
    }
  }

  async seatByToken(token: string): Promise<Seat | undefined> {
    const [row] = await this.db.query('SELECT * FROM seats WHERE token = ?', [token]);
    return row ? toSeat(row) : undefined;
  }

  async record(seatId: number, events: readonly WorkshopEvent[], now: number): Promise<string[]> {
    return this.db.tx(async (q) => {
      for (const e of events) {
        const inserted = await q(
          'INSERT INTO events (id, seat, lab, step, kind, at, seq, detail, reason_key, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id',
          [e.id, seatId, e.lab, e.step, e.kind, Math.round(e.at), e.seq, e.detail, e.kind === 'wrong-fix' ? reasonKey(e.detail) : '', now],
        );
        // Stored before (a resend): already applied to the state.
        if (!inserted.length) continue;
        await applyToState(q, seatId, e);
      }
      await q('UPDATE seats SET last_at = ? WHERE id = ?', [now, seatId]);
      return events.map((e) => e.id);
    });
  }

  async classData(wrongFixLimit = 10): Promise<ClassData> {
    const seats = (await this.db.query('SELECT * FROM seats ORDER BY id')).map(toSeat);
    const states = (await this.db.query('SELECT * FROM step_state ORDER BY seat, lab, step')).map(
      (r): StepState => ({
        seat: Number(r.seat),
        lab: String(r.lab),
        step: String(r.step),
        status: String(r.status),
        since: Number(r.since),
        firstAt: num(r.first_at),
        hints: Number(r.hints),
        wrongFixes: Number(r.wrong_fixes),
        showMe: Number(r.show_me),
        answer: String(r.answer),
      }),
    );
    const wrongFixes = (
      await this.db.query(
        `SELECT lab, step, reason_key, MIN(detail) AS reason, COUNT(DISTINCT seat) AS seats, COUNT(*) AS times FROM events
         WHERE kind = 'wrong-fix' GROUP BY lab, step, reason_key ORDER BY seats DESC, times DESC, lab, step LIMIT ?`,
        [wrongFixLimit],
      )
    ).map((r): WrongFix => ({ lab: String(r.lab), step: String(r.step), reason: String(r.reason), seats: Number(r.seats), times: Number(r.times) }));
    return { seats, states, wrongFixes };
  }

  async allEvents(): Promise<(WorkshopEvent & { seat: number })[]> {
    return (await this.db.query('SELECT * FROM events ORDER BY at, seat, seq, id')).map((r) => ({
      id: String(r.id),
      seat: Number(r.seat),
      lab: String(r.lab),
      step: String(r.step),
      kind: String(r.kind) as WorkshopEvent['kind'],
      at: Number(r.at),
      seq: Number(r.seq),
      detail: String(r.detail),
    }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function applyToState(q: Query, seatId: number, e: WorkshopEvent): Promise<unknown> {
  const status = STATUS[e.kind];
  const at = Math.round(e.at);
  const firstAt = e.kind === 'passed' || e.kind === 'opened' ? at : null;
  return q(UPSERT_STATE, [
    seatId,
    e.lab,
    e.step,
    status ?? 'open',
    status ? e.seq : -1,
    at,
    firstAt,
    e.kind === 'hint' ? 1 : 0,
    e.kind === 'wrong-fix' ? 1 : 0,
    e.kind === 'show-me' ? 1 : 0,
    e.kind === 'answer' ? e.detail : '',
    e.kind === 'answer' ? e.seq : -1,
  ]);
}

/** `--database postgres://…` wins over `--data FILE`. */
export async function openStore(opts: { data?: string; database?: string; schema?: string }): Promise<ProgressStore> {
  const db = opts.database ? await openPostgres(opts.database, { schema: opts.schema }) : openSqlite(opts.data ?? 'relaylab-workshop.db');
  return SqlProgressStore.open(db);
}
