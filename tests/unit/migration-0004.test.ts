import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrationChecksum, readHistory } from '../../core/db/migrate';
import { MIGRATIONS } from '../../core/db/migrations';
import * as m0004 from '../../core/db/migrations/0004-attachment-uploads';
import { openDatabase, type Db } from '../../core/db/open-database';
import { removeDir, tempDir } from '../fixtures/core-harness';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir('kiosk-migration-');
  db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, MIGRATIONS, { targetVersion: 3 });
  db.prepare("INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES ('k1', 'outbox', x'00', 1)").run();
  db.prepare(
    `INSERT INTO outbox (id, reference, service_id, schema_uri, language, created_at, status_changed_at, key_id,
       payload_ciphertext, payload_nonce) VALUES ('o1', 'AAAA-BBBB-C', 'svc', 'urn:x', 'de', 1, 1, 'k1', x'01', x'02')`,
  ).run();
});
afterEach(() => {
  db.close();
  removeDir(dir);
});

const columns = (table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);

describe('migration 0004 attachment uploads', () => {
  it('moves upload times into their own table, keeps the sealed content and records itself', () => {
    const attach = db.prepare(
      `INSERT INTO outbox_attachments (id, outbox_id, purpose, mime_type, sha512, ciphertext, nonce, uploaded_at)
         VALUES (?, 'o1', 'form', 'application/pdf', ?, x'c0ffee', x'00', ?)`,
    );
    attach.run('a1', 'a'.repeat(128), 77);
    attach.run('a2', 'b'.repeat(128), null);

    expect(migrate(db, MIGRATIONS, { targetVersion: 4, now: () => 99 })).toEqual([4]);
    expect(readHistory(db).at(-1)).toMatchObject({
      version: 4,
      name: 'attachment-uploads',
      checksum: migrationChecksum(m0004),
    });
    expect(columns('outbox_attachments')).not.toContain('uploaded_at');
    expect(db.prepare('SELECT attachment_id, uploaded_at FROM outbox_attachment_uploads').all()).toEqual([
      { attachment_id: 'a1', uploaded_at: 77 },
    ]);
    expect(db.prepare("SELECT hex(ciphertext) AS c FROM outbox_attachments WHERE id = 'a1'").get()).toEqual({
      c: 'C0FFEE',
    });
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'outbox_attachment_uploads'").get()).toEqual({
      strict: 1,
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('ties an upload to its attachment and forgets it with the attachment', () => {
    migrate(db, MIGRATIONS, { targetVersion: 4 });
    db.prepare(
      `INSERT INTO outbox_attachments (id, outbox_id, purpose, mime_type, sha512, ciphertext, nonce)
         VALUES ('a1', 'o1', 'form', 'application/pdf', ?, x'00', x'00')`,
    ).run('a'.repeat(128));
    const upload = db.prepare('INSERT INTO outbox_attachment_uploads (attachment_id, uploaded_at) VALUES (?, ?)');
    upload.run('a1', 5);
    expect(() => upload.run('nope', 5)).toThrow(/FOREIGN KEY/);
    expect(() => upload.run('a1', null)).toThrow(/NOT NULL/);
    db.prepare("DELETE FROM outbox WHERE id = 'o1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM outbox_attachment_uploads').get()).toEqual({ n: 0 });
  });
});
