import pg from 'pg';
import type { Logger } from '../../core/types';
import {
  DatabaseUnavailableError,
  toPostgresPlaceholders,
  WriteOutcomeUnknownError,
  type RunResult,
  type SqlClient,
  type SqlExecutor,
  type SqlValue,
} from './sql-client';
import type { PostgresSettings } from './database-url';

export interface PostgresClientOptions {
  /** How long a call keeps retrying while the server is unreachable before it gives up (default 10 s). */
  retryForMs?: number;
  /** Connections per hub instance (default 10). */
  maxConnections?: number;
  logger?: Logger;
}

const INT8_OID = 20;
/** SQLSTATEs after which a serializable transaction is simply run again. */
const RETRY_TRANSACTION = new Set(['40001', '40P01']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** Shutdown and start-up states of the server: the connection is gone or not yet possible, nothing was applied by it. */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03']);

/** A dropped or refused connection, as opposed to an error in the SQL. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SERVER_GONE.has(code) || code.startsWith('08')))
    return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}

const sqlState = (error: unknown) => (error as { code?: unknown } | undefined)?.code;

/** Timestamps and counts are BIGINT: as numbers (exact up to 2^53, far beyond any millisecond time or count). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary')
      return (value: string) => {
        const number = Number(value);
        if (!Number.isSafeInteger(number)) throw new RangeError(`BIGINT ${value} is beyond a safe integer`);
        return number;
      };
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

const values = (params: readonly SqlValue[]) =>
  params.map((value) => (typeof value === 'bigint' ? value.toString() : value));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The SQL interface over PostgreSQL (a `pg` pool) for hub instances that share one database. What is retried:
 * getting a connection (nothing was sent yet), reads outside a transaction, and a whole transaction whose commit was
 * not sent yet (the server rolls it back when the connection drops) or that hit a serialization conflict. A write
 * outside a transaction, or a commit, that loses its connection is not repeated: WriteOutcomeUnknownError.
 */
export class PostgresClient implements SqlClient {
  readonly engine = 'postgres';
  private readonly pool: pg.Pool;
  private readonly retryForMs: number;

  constructor(
    private readonly settings: PostgresSettings,
    private readonly options: PostgresClientOptions = {},
  ) {
    this.retryForMs = options.retryForMs ?? 10_000;
    this.pool = new pg.Pool({
      ...settings.connection,
      types,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'buergerkiosk-hub',
    });
    // An idle connection the server closed (a restart): the pool drops it; without a listener the process would crash.
    this.pool.on('error', (error) => this.options.logger?.warn('db.connection_lost', { errorClass: error.name }));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return this.withClient(async (client) => ({ changes: (await query(client, sql, params)).rowCount ?? 0 }), false);
  }

  get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return this.withClient(async (client) => (await query(client, sql, params)).rows[0] as Row | undefined, true);
  }

  all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return this.withClient(async (client) => (await query(client, sql, params)).rows as Row[], true);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.retryForMs;
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.connect(deadline);
      let open = true;
      let commitSent = false;
      let broken: Error | undefined;
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const value = await fn(transactionExecutor(client, () => open));
        commitSent = true;
        const committed = await client.query('COMMIT');
        // PostgreSQL answers COMMIT on a failed transaction with ROLLBACK, not an error: one statement in it failed
        // and `fn` caught that. Nothing was written.
        if (committed.command === 'ROLLBACK')
          throw new Error('The transaction was rolled back: a statement in it failed');
        return value;
      } catch (error) {
        if (isConnectionError(error)) broken = error as Error;
        else if (!commitSent) await client.query('ROLLBACK').catch(() => undefined);
        const retry =
          RETRY_TRANSACTION.has(sqlState(error) as string) ||
          (broken !== undefined && !commitSent && Date.now() < deadline);
        if (broken && commitSent)
          throw new WriteOutcomeUnknownError(
            `The connection to PostgreSQL was lost during COMMIT; the transaction was applied whole or not at all (${broken.message})`,
            { cause: error },
          );
        if (broken && !retry) throw unavailable(this.settings, broken);
        if (!retry || attempt >= 10) throw error;
      } finally {
        open = false;
        client.release(broken);
      }
      await sleep(backoff(attempt));
    }
  }

  private readonly onClientError = (error: Error) =>
    this.options.logger?.warn('db.connection_lost', { errorClass: error.name });

  close(): Promise<void> {
    return this.pool.end();
  }

  /** A pooled connection, waiting (within the deadline) while the server cannot be reached. */
  private async connect(deadline: number): Promise<pg.PoolClient> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const client = await this.pool.connect();
        // A connection that dies while checked out (between two queries) emits 'error' on the client: the query
        // that uses it next fails and is handled there; unheard, the event would crash the process.
        if (client.listenerCount('error') === 0) client.on('error', this.onClientError);
        return client;
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        if (Date.now() >= deadline) throw unavailable(this.settings, error as Error);
        await sleep(backoff(attempt));
      }
    }
  }

  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>, idempotent: boolean): Promise<T> {
    const deadline = Date.now() + this.retryForMs;
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.connect(deadline);
      let broken: Error | undefined;
      try {
        return await work(client);
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        broken = error as Error;
        if (!idempotent)
          throw new WriteOutcomeUnknownError(
            `The connection to PostgreSQL was lost during a write; it may or may not have been applied (${broken.message})`,
            { cause: error },
          );
        if (Date.now() >= deadline) throw unavailable(this.settings, broken);
      } finally {
        client.release(broken);
      }
      await sleep(backoff(attempt));
    }
  }
}

function query(client: pg.PoolClient, sql: string, params: readonly SqlValue[]) {
  return client.query(toPostgresPlaceholders(sql), values(params));
}

function transactionExecutor(client: pg.PoolClient, isOpen: () => boolean): SqlExecutor {
  const checked = (sql: string, params: readonly SqlValue[]) => {
    if (!isOpen()) throw new Error('This transaction has ended; use the client, not its tx, after transaction()');
    return query(client, sql, params);
  };
  return {
    run: async (sql, params = []) => ({ changes: (await checked(sql, params)).rowCount ?? 0 }),
    get: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await checked(sql, params)).rows[0] as Row | undefined,
    all: async <Row>(sql: string, params: readonly SqlValue[] = []) => (await checked(sql, params)).rows as Row[],
  };
}

const backoff = (attempt: number) => Math.min(2_000, 50 * 2 ** attempt);

function unavailable(settings: PostgresSettings, cause: Error): DatabaseUnavailableError {
  return new DatabaseUnavailableError(
    `PostgreSQL at ${settings.where} cannot be reached (${cause.message}); nothing of this request was written`,
    { cause },
  );
}
