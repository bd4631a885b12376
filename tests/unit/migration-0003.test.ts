import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrationChecksum, readHistory } from '../../core/db/migrate';
import { MIGRATIONS } from '../../core/db/migrations';
import * as m0003 from '../../core/db/migrations/0003-outbox-delivery';
import { openDatabase, type Db } from '../../core/db/open-database';
import { removeDir, tempDir } from '../fixtures/core-harness';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir('kiosk-migration-');
  db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, MIGRATIONS, { targetVersion: 2 });
});
afterEach(() => {
  db.close();
  removeDir(dir);
});

const key = () =>
  db.prepare("INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES (?, 'outbox', x'00', 1)");
const queued = () =>
  db.prepare(
    `INSERT INTO outbox (id, reference, service_id, schema_uri, language, created_at, status_changed_at, key_id,
       payload_ciphertext, payload_nonce) VALUES (?, ?, 'svc', 'urn:x', 'de', 1, 1, ?, x'01', x'02')`,
  );

describe('migration 0003 outbox delivery', () => {
  it('keeps queued applications, adds the delivery columns and records itself', () => {
    key().run('k1');
    db.prepare(
      `INSERT INTO outbox (id, reference, service_id, schema_uri, language, created_at, key_id, payload_ciphertext, payload_nonce)
       VALUES ('o1', 'AAAA-BBBB-C', 'svc', 'urn:x', 'de', 42, 'k1', x'01', x'02')`,
    ).run();
    expect(migrate(db, MIGRATIONS, { targetVersion: 3, now: () => 99 })).toEqual([3]);
    expect(readHistory(db).at(-1)).toMatchObject({
      version: 3,
      name: 'outbox-delivery',
      checksum: migrationChecksum(m0003),
    });
    expect(db.prepare('SELECT * FROM outbox').get()).toMatchObject({
      id: 'o1',
      reference: 'AAAA-BBBB-C',
      status: 'queued',
      status_changed_at: 42,
      key_id: 'k1',
      submission_id: null,
      attempts: 0,
      next_attempt_at: 0,
    });
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE name IN ('outbox', 'outbox_attachments') ORDER BY name",
      )
      .all();
    expect(tables).toEqual([
      { name: 'outbox', strict: 1 },
      { name: 'outbox_attachments', strict: 1 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('enforces the delivery states', () => {
    migrate(db, MIGRATIONS, { targetVersion: 3 });
    key().run('k1');
    queued().run('o1', 'AAAA-BBBB-C', 'k1');
    const set = (sql: string) => () => db.prepare(`UPDATE outbox SET ${sql} WHERE id = 'o1'`).run();
    expect(set("status = 'delivered'")).toThrow(/CHECK/);
    // Announced needs its submission, case and key id together.
    expect(set("status = 'announced'")).toThrow(/CHECK/);
    expect(set("status = 'announced', submission_id = 's', case_id = 'c'")).toThrow(/CHECK/);
    set("status = 'announced', submission_id = 's', case_id = 'c', encryption_kid = 'kid-1234'")();
    // Only an accepted entry may lose its content and key.
    expect(set('key_id = NULL, payload_ciphertext = NULL, payload_nonce = NULL')).toThrow(/CHECK/);
    set("status = 'accepted', key_id = NULL, payload_ciphertext = NULL, payload_nonce = NULL")();
    expect(set("problem = 'not json'")).toThrow(/CHECK/);
    expect(set('attempts = -1')).toThrow(/CHECK/);
  });

  it('ties attachments to their entry and checks the hash length', () => {
    migrate(db, MIGRATIONS, { targetVersion: 3 });
    key().run('k1');
    queued().run('o1', 'AAAA-BBBB-C', 'k1');
    const attach = db.prepare(
      `INSERT INTO outbox_attachments (id, outbox_id, purpose, mime_type, sha512, ciphertext, nonce)
         VALUES (?, ?, ?, 'application/pdf', ?, x'00', x'00')`,
    );
    attach.run('a1', 'o1', 'form', 'a'.repeat(128));
    expect(() => attach.run('a2', 'o1', 'form', 'abc')).toThrow(/CHECK/);
    expect(() => attach.run('a3', 'o1', 'selfie', 'a'.repeat(128))).toThrow(/CHECK/);
    expect(() => attach.run('a4', 'nope', 'form', 'a'.repeat(128))).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM outbox WHERE id = 'o1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM outbox_attachments').get()).toEqual({ n: 0 });
  });
});
