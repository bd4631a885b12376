import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrationChecksum, readHistory } from '../../core/db/migrate';
import { MIGRATIONS } from '../../core/db/migrations';
import * as m0001 from '../../core/db/migrations/0001-initial';
import { openDatabase, type Db } from '../../core/db/open-database';
import { removeDir, tempDir } from '../fixtures/core-harness';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir('kiosk-migration-');
  db = openDatabase(join(dir, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  removeDir(dir);
});

const tables = () =>
  db
    .prepare(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as {
    name: string;
    strict: number;
  }[];

describe('migration 0001 initial', () => {
  it('opens the database with the required pragmas', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
  });

  it('goes from version 0 to 1 and records itself', () => {
    expect(migrate(db, MIGRATIONS, { targetVersion: 0 })).toEqual([]);
    expect(tables()).toEqual([{ name: 'schema_migrations', strict: 1 }]);

    expect(migrate(db, MIGRATIONS, { targetVersion: 1, now: () => 1234 })).toEqual([1]);
    expect(tables()).toEqual([
      { name: 'data_keys', strict: 1 },
      { name: 'outbox', strict: 1 },
      { name: 'schema_migrations', strict: 1 },
      { name: 'session_answers', strict: 1 },
      { name: 'sessions', strict: 1 },
    ]);
    expect(readHistory(db)).toEqual([
      { version: 1, name: 'initial', checksum: migrationChecksum(m0001), applied_at: 1234 },
    ]);
    expect(migrationChecksum(m0001)).toMatch(/^[0-9a-f]{64}$/);
    const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    expect(columns('sessions')).toEqual([
      'id',
      'service_id',
      'language',
      'position',
      'completed_steps',
      'status',
      'key_id',
      'reference',
      'submitted_at',
      'started_at',
      'last_activity_at',
    ]);
    expect(columns('session_answers')).toEqual(['session_id', 'field', 'ciphertext', 'nonce', 'updated_at']);
    expect(columns('outbox')).toEqual([
      'id',
      'reference',
      'service_id',
      'schema_uri',
      'language',
      'created_at',
      'status',
      'key_id',
      'payload_ciphertext',
      'payload_nonce',
    ]);
    // Nothing to re-apply up to version 1.
    expect(migrate(db, MIGRATIONS, { targetVersion: 1 })).toEqual([]);
  });

  it('enforces types, checks and foreign keys on seeded rows', () => {
    migrate(db, MIGRATIONS, { targetVersion: 1 });
    const key = db.prepare('INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES (?, ?, ?, ?)');
    key.run('k1', 'session', Buffer.alloc(60), 1);
    key.run('k2', 'outbox', Buffer.alloc(60), 1);
    expect(() => key.run('k3', 'other', Buffer.alloc(60), 1)).toThrow(/CHECK/);
    expect(() => key.run('k4', 'session', Buffer.alloc(60), 'yesterday')).toThrow(/cannot store TEXT value in INTEGER/);

    const session = db.prepare(
      `INSERT INTO sessions (id, service_id, language, position, status, key_id, started_at, last_activity_at)
       VALUES (?, 'svc', 'de', ?, 'in_progress', ?, 1, 1)`,
    );
    session.run('s1', '{"kind":"step","stepId":"a","returnToCheck":false}', 'k1');
    expect(() => session.run('s2', 'not json', 'k1')).toThrow(/CHECK/);
    expect(() => session.run('s3', '{}', 'missing-key')).toThrow(/FOREIGN KEY/);
    expect(() => session.run('s4', '{}', null)).toThrow(/CHECK/); // in progress needs a key

    const answer = db.prepare(
      'INSERT INTO session_answers (session_id, field, ciphertext, nonce, updated_at) VALUES (?, ?, ?, ?, 1)',
    );
    answer.run('s1', 'name', Buffer.from([1]), Buffer.alloc(12));
    expect(() => answer.run('nobody', 'name', Buffer.from([1]), Buffer.alloc(12))).toThrow(/FOREIGN KEY/);
    expect(() => answer.run('s1', 'name', Buffer.from([1]), Buffer.alloc(12))).toThrow(/UNIQUE|PRIMARY/);

    const outbox = db.prepare(
      `INSERT INTO outbox (id, reference, service_id, schema_uri, language, created_at, key_id, payload_ciphertext, payload_nonce)
       VALUES (?, ?, 'svc', 'urn:x', 'de', 1, ?, x'00', x'00')`,
    );
    outbox.run('o1', 'AAAA-BBBB-C', 'k2');
    expect(() => outbox.run('o2', 'AAAA-BBBB-C', 'k2')).toThrow(/UNIQUE/);
    expect(() => outbox.run('o3', 'CCCC-DDDD-E', 'nope')).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT status FROM outbox').get()).toEqual({ status: 'queued' });

    // Deleting the session takes its answers with it.
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM session_answers').get()).toEqual({ n: 0 });
  });
});

describe('database file', () => {
  it('is a real file others can open', () => {
    migrate(db, MIGRATIONS);
    const other = new Database(join(dir, 'kiosk.db'), { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    other.close();
  });
});
