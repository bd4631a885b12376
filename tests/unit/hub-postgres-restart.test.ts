import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../hub/db/database-url';
import { HUB_MIGRATIONS } from '../../hub/db/migrations';
import { PostgresClient } from '../../hub/db/postgres-client';
import { migratePostgres } from '../../hub/db/postgres-migrate';
import { DatabaseUnavailableError, WriteOutcomeUnknownError } from '../../hub/db/sql-client';
import { startPostgres, type TestPostgres } from '../fixtures/postgres';

/**
 * Issue 20, reliability: PostgreSQL restarted during load. Every call either succeeds (retried where that is safe)
 * or fails with one of the two clear errors, and no transaction is ever half written.
 */

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 30_000);

async function freshClient(retryForMs: number): Promise<{ client: PostgresClient; url: string }> {
  const url = await postgres.createDatabase();
  const settings = parseDatabaseUrl(url);
  await migratePostgres(settings, HUB_MIGRATIONS);
  return { client: new PostgresClient(settings, { retryForMs, maxConnections: 4 }), url };
}

/** Resolves once the server refuses connections (it is down). */
async function serverDown(url: string): Promise<void> {
  for (;;) {
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 500 });
    try {
      await probe.connect();
      await probe.end();
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgreSQL restarted during load', () => {
  it('retries or refuses clearly, and never leaves a transaction half written', async () => {
    const { client, url } = await freshClient(20_000);
    const outcomes = { ok: [] as string[], unavailable: [] as string[], unknown: [] as string[], reads: 0 };
    const other: unknown[] = [];
    let stop = false;
    let restarted = false;
    let okAfterRestart = 0;

    // Each transaction writes two audit rows with the same subject: both or neither may exist.
    const worker = async () => {
      while (!stop) {
        const group = randomUUID();
        try {
          await client.transaction(async (tx) => {
            for (const action of ['first', 'second'])
              await tx.run('INSERT INTO audit_log (at, staff_id, action, subject_id, outcome) VALUES (?, ?, ?, ?, ?)', [
                Date.now(),
                null,
                action,
                group,
                'ok',
              ]);
          });
          outcomes.ok.push(group);
          if (restarted) okAfterRestart += 1;
          await client.all('SELECT subject_id FROM audit_log WHERE subject_id = ?', [group]);
          outcomes.reads += 1;
        } catch (error) {
          if (error instanceof DatabaseUnavailableError) outcomes.unavailable.push(group);
          else if (error instanceof WriteOutcomeUnknownError) outcomes.unknown.push(group);
          else other.push(error);
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    while (outcomes.ok.length < 20 && other.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await postgres.restart('fast', 300);
    restarted = true;
    while (okAfterRestart < 20 && other.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    stop = true;
    await Promise.all(workers);

    expect(other).toEqual([]);
    // A plain connection (not through the client) reads what is there.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const rows = (
      await check.query<{ subject_id: string; n: string }>(
        'SELECT subject_id, COUNT(*) AS n FROM audit_log GROUP BY subject_id',
      )
    ).rows;
    await check.end();
    const counts = new Map(rows.map((row) => [row.subject_id, Number(row.n)]));
    // No partial writes: every group has both rows or none.
    expect([...counts.values()].filter((n) => n !== 2)).toEqual([]);
    // What was reported committed is there; what was refused as unavailable is not.
    expect(outcomes.ok.filter((group) => !counts.has(group))).toEqual([]);
    expect(outcomes.unavailable.filter((group) => counts.has(group))).toEqual([]);
    expect(okAfterRestart).toBeGreaterThanOrEqual(20);
    console.info(
      `PostgreSQL restart under load: ${outcomes.ok.length} committed, ${outcomes.unknown.length} outcome unknown, ` +
        `${outcomes.unavailable.length} refused as unavailable, ${outcomes.reads} reads`,
    );
    await client.close();
  }, 90_000);

  it('runs a transaction again whose connection died before COMMIT, and does not repeat a lone write', async () => {
    const { client } = await freshClient(5_000);
    const kill = 'SELECT pg_terminate_backend(pg_backend_pid())';
    let attempts = 0;
    await client.transaction(async (tx) => {
      attempts += 1;
      await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [1, null, 'a', 'ok']);
      // The server ends this connection in the middle of the first attempt: that attempt is rolled back.
      if (attempts === 1) await tx.get(kill);
      await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [2, null, 'b', 'ok']);
    });
    expect(attempts).toBe(2);
    expect(await client.all('SELECT action FROM audit_log ORDER BY at')).toEqual([{ action: 'a' }, { action: 'b' }]);
    // Outside a transaction a statement whose connection dies is not repeated: it might have been applied.
    await expect(client.run(kill)).rejects.toThrow(WriteOutcomeUnknownError);
    await client.close();
  });

  it('refuses with a clear error while the server stays down, and works again once it is back', async () => {
    const { client, url } = await freshClient(600);
    await client.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [1, null, 'a', 'ok']);
    const restart = postgres.restart('fast', 1_500);
    await serverDown(url);
    await expect(client.get('SELECT COUNT(*) AS n FROM audit_log')).rejects.toThrow(DatabaseUnavailableError);
    await expect(
      client.transaction((tx) =>
        tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [2, null, 'b', 'ok']),
      ),
    ).rejects.toThrow(
      /PostgreSQL at 127\.0\.0\.1:\d+\/t_[0-9a-f]+ cannot be reached .*nothing of this request was written/,
    );
    await restart;
    expect(await client.all('SELECT action FROM audit_log')).toEqual([{ action: 'a' }]);
    await client.close();
  }, 60_000);
});
