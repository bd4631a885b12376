/**
 * The hub's asynchronous SQL interface (issue 20, the region): the same calls over the embedded SQLite file
 * (hub/db/sqlite-client.ts, the default) and over PostgreSQL (hub/db/postgres-client.ts, several hub instances).
 * Stores write SQL that runs on both: `?` placeholders (translated once per statement for PostgreSQL), lower-case
 * snake_case names, `ON CONFLICT … DO UPDATE/NOTHING` rather than `INSERT OR …`, integers as numbers.
 */

export type SqlValue = string | number | bigint | Buffer | null;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** What a store may do: the calls outside a transaction and inside one are the same. */
export interface SqlExecutor {
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface SqlClient extends SqlExecutor {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one serializable transaction: it commits when `fn` resolves and rolls back when it throws, so a
   * failure never leaves part of it written. On PostgreSQL `fn` may run more than once (after a serialization
   * conflict, or a connection lost before the commit was sent): it must do nothing but SQL on `tx`. No nesting:
   * a transaction inside `fn` would wait for the outer one on SQLite.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database cannot be reached (after the retries that were safe); nothing of the request was written. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * The connection was lost while a write or a commit was on its way: it may or may not have been applied, and it
 * was not repeated (a repeat could apply it twice). Callers report a failure; what is in the database is whole.
 */
export class WriteOutcomeUnknownError extends Error {
  override name = 'WriteOutcomeUnknownError';
}

const translated = new Map<string, string>();

/**
 * `?` → `$1, $2, …` for PostgreSQL, skipping quoted strings, quoted names and comments; cached per SQL text (the
 * stores' statements are constants, so the cache holds one entry per statement).
 */
export function toPostgresPlaceholders(sql: string): string {
  const cached = translated.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let index = 0;
  let count = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    let end = index + 1;
    if (char === "'" || char === '"') {
      end = sql.indexOf(char, index + 1);
      // A doubled quote inside is an escaped one: keep going to the real end.
      while (end !== -1 && sql[end + 1] === char) end = sql.indexOf(char, end + 2);
      if (end === -1) throw new Error(`Unterminated ${char} in SQL: ${sql}`);
      end += 1;
    } else if (char === '-' && next === '-') {
      end = sql.indexOf('\n', index);
      if (end === -1) end = sql.length;
    } else if (char === '/' && next === '*') {
      end = sql.indexOf('*/', index + 2);
      if (end === -1) throw new Error(`Unterminated comment in SQL: ${sql}`);
      end += 2;
    } else if (char === '$') {
      throw new Error(`Write ? placeholders, not $n: ${sql}`);
    } else if (char === '?') {
      count += 1;
      out += `$${count}`;
      index += 1;
      continue;
    }
    out += sql.slice(index, end);
    index = end;
  }
  translated.set(sql, out);
  return out;
}
