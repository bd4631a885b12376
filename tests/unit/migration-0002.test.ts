import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrationChecksum, readHistory } from '../../core/db/migrate';
import { MIGRATIONS } from '../../core/db/migrations';
import * as m0002 from '../../core/db/migrations/0002-draft-in-session-row';
import { openDatabase, type Db } from '../../core/db/open-database';
import { removeDir, tempDir } from '../fixtures/core-harness';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir('kiosk-migration-');
  db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, MIGRATIONS, { targetVersion: 1 });
});
afterEach(() => {
  db.close();
  removeDir(dir);
});

const count = (from: string) => (db.prepare(`SELECT count(*) AS n FROM ${from}`).get() as { n: number }).n;
const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

/** Version-1 rows: a draft in progress with one answer, a submitted session and its outbox entry. */
function seedVersionOne(): void {
  const key = db.prepare('INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES (?, ?, ?, 1)');
  key.run('k-draft', 'session', Buffer.alloc(60));
  key.run('k-outbox', 'outbox', Buffer.alloc(60));
  db.prepare(
    `INSERT INTO sessions (id, service_id, language, position, status, key_id, started_at, last_activity_at)
     VALUES ('s-draft', 'svc', 'de', '{"kind":"check"}', 'in_progress', 'k-draft', 1, 1)`,
  ).run();
  db.prepare(
    "INSERT INTO session_answers (session_id, field, ciphertext, nonce, updated_at) VALUES ('s-draft', 'name', x'01', ?, 1)",
  ).run(Buffer.alloc(12));
  db.prepare(
    `INSERT INTO sessions (id, service_id, language, position, status, key_id, reference, submitted_at, started_at, last_activity_at)
     VALUES ('s-sent', 'svc', 'de', '{"kind":"confirmation"}', 'submitted', NULL, 'AAAA-BBBB-C', 2, 1, 2)`,
  ).run();
  db.prepare(
    `INSERT INTO outbox (id, reference, service_id, schema_uri, language, created_at, key_id, payload_ciphertext, payload_nonce)
     VALUES ('o1', 'AAAA-BBBB-C', 'svc', 'urn:x', 'de', 2, 'k-outbox', x'00', x'00')`,
  ).run();
}

describe('migration 0002 draft in session row', () => {
  it('goes from version 1 to 2 and records itself', () => {
    expect(migrate(db, MIGRATIONS, { targetVersion: 2, now: () => 5678 })).toEqual([2]);
    expect(readHistory(db).at(-1)).toEqual({
      version: 2,
      name: 'draft-in-session-row',
      checksum: migrationChecksum(m0002),
      applied_at: 5678,
    });
    expect(count("sqlite_schema WHERE name = 'session_answers'")).toBe(0);
    expect(columns('sessions').slice(-2)).toEqual(['draft_ciphertext', 'draft_nonce']);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'sessions'").get()).toEqual({ strict: 1 });
  });

  it('ends drafts it cannot re-seal, keeps submitted sessions and the outbox', () => {
    seedVersionOne();
    migrate(db, MIGRATIONS, { targetVersion: 2 });
    expect(db.prepare('SELECT id FROM sessions').all()).toEqual([{ id: 's-sent' }]);
    expect(db.prepare('SELECT id, purpose FROM data_keys').all()).toEqual([{ id: 'k-outbox', purpose: 'outbox' }]);
    expect(count('outbox')).toBe(1);
  });

  it('enforces the draft columns: BLOB only, ciphertext and nonce together', () => {
    migrate(db, MIGRATIONS, { targetVersion: 2 });
    db.prepare("INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES ('k', 'session', x'00', 1)").run();
    db.prepare(
      `INSERT INTO sessions (id, service_id, language, position, status, key_id, started_at, last_activity_at)
       VALUES ('s', 'svc', 'de', '{}', 'in_progress', 'k', 1, 1)`,
    ).run();
    const setDraft = db.prepare("UPDATE sessions SET draft_ciphertext = ?, draft_nonce = ? WHERE id = 's'");
    setDraft.run(Buffer.from([1, 2]), Buffer.alloc(12));
    expect(() => setDraft.run(Buffer.from([1, 2]), null)).toThrow(/CHECK/);
    expect(() => setDraft.run(null, Buffer.alloc(12))).toThrow(/CHECK/);
    expect(() => setDraft.run('text', Buffer.alloc(12))).toThrow(/cannot store TEXT value in BLOB/);
    setDraft.run(null, null);
  });
});
