import type { Statement } from 'better-sqlite3';
import type { Db } from '../../core/db/open-database';
import { statement } from './statements';
import type { RunResult, SqlClient, SqlExecutor, SqlValue } from './sql-client';

/**
 * The SQL interface over the hub's embedded SQLite file (the default): better-sqlite3 is synchronous, so each call
 * runs at once and returns a settled promise. One connection means a transaction must not interleave with other
 * calls: while one is open, calls from outside it (and other transactions) wait for it to end. The synchronous
 * stores that still share `db` during the transition do not wait: keep transactions to SQL on `tx` only.
 */
export class SqliteClient implements SqlClient {
  readonly engine = 'sqlite';
  /** Settles when the open transaction (if any) has ended. */
  private busy: Promise<void> = Promise.resolve();
  private inTransaction = false;
  private readonly direct: SqlExecutor;

  constructor(private readonly db: Db) {
    this.direct = executor(
      db,
      () => true,
      () => undefined,
    );
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    if (this.inTransaction) await this.waitForTransactions();
    return this.direct.run(sql, params);
  }

  async get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    if (this.inTransaction) await this.waitForTransactions();
    return this.direct.get<Row>(sql, params);
  }

  async all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    if (this.inTransaction) await this.waitForTransactions();
    return this.direct.all<Row>(sql, params);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const result = this.busy.then(async () => {
      this.inTransaction = true;
      let open = true;
      let failed = false;
      const tx = executor(
        this.db,
        () => open,
        () => (failed = true),
      );
      // IMMEDIATE takes the write lock at once: SQLite transactions are serializable.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(tx);
        // As on PostgreSQL, which aborts a transaction at its first failed statement: one the caller caught still
        // means the transaction is not committed.
        if (failed) throw new Error('The transaction was rolled back: a statement in it failed');
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        open = false;
        this.inTransaction = false;
      }
    });
    this.busy = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async waitForTransactions(): Promise<void> {
    while (this.inTransaction) await this.busy;
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

function executor(db: Db, isOpen: () => boolean, onError: () => void): SqlExecutor {
  // Errors as rejected promises (as on PostgreSQL), never thrown at the call.
  const attempt = <T>(sql: string, use: (prepared: Statement) => T): Promise<T> => {
    if (!isOpen())
      return Promise.reject(new Error('This transaction has ended; use the client, not its tx, after transaction()'));
    try {
      return Promise.resolve(use(statement(db, sql)));
    } catch (error) {
      onError();
      return Promise.reject(error as Error);
    }
  };
  return {
    run: (sql, params = []) => attempt(sql, (prepared) => ({ changes: prepared.run(...params).changes })),
    get: <Row>(sql: string, params: readonly SqlValue[] = []) =>
      attempt(sql, (prepared) => prepared.get(...params) as Row | undefined),
    all: <Row>(sql: string, params: readonly SqlValue[] = []) =>
      attempt(sql, (prepared) => prepared.all(...params) as Row[]),
  };
}
