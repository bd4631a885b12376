import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../core/db/open-database';
import { msSince } from './stats';

/**
 * The bare store write, for attribution: one transaction shaped like the
 * core's answer commit (upsert one sealed answer + update the session row),
 * on a database opened with the core's own pragmas (WAL, synchronous=FULL,
 * secure_delete). Sits between the raw fsync and the full dispatch path.
 */
export function measureSqliteCommit(dir: string, iterations: number): number[] {
  const db = openDatabase(join(dir, 'commit-probe.db'));
  try {
    db.exec(`CREATE TABLE s (id TEXT PRIMARY KEY, position TEXT, last INTEGER) STRICT;
             CREATE TABLE a (sid TEXT, field TEXT, c BLOB, n BLOB, t INTEGER, PRIMARY KEY (sid, field)) STRICT, WITHOUT ROWID;
             INSERT INTO s VALUES ('s1', '{}', 0);`);
    const upsert = db.prepare(
      `INSERT INTO a VALUES ('s1', ?, ?, ?, ?) ON CONFLICT (sid, field) DO UPDATE SET c = excluded.c, n = excluded.n, t = excluded.t`,
    );
    const touch = db.prepare(`UPDATE s SET position = ?, last = ? WHERE id = 's1'`);
    const commit = db.transaction((i: number) => {
      upsert.run('familyName', randomBytes(48), randomBytes(12), i);
      touch.run(`{"step":${i % 9}}`, i);
    });
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = process.hrtime.bigint();
      commit(i);
      samples.push(msSince(start));
    }
    return samples;
  } finally {
    db.close();
  }
}
