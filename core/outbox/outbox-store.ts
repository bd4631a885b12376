import { randomUUID } from 'node:crypto';
import type { Answers } from '../../contract';
import { newDataKey, outboxAad, sealJson, wrapKey } from '../crypto/aead';
import type { Db } from '../db/open-database';

export interface OutboxEntry {
  reference: string;
  serviceId: string;
  schemaUri: string;
  language: string;
  /** The submission data (answers of the visible steps), sealed with the entry's own key. */
  data: Answers;
  now: number;
}

/**
 * The outbox: submitted applications waiting for the portal. Each entry has
 * its own data key (purpose 'outbox'), which stays until the portal accepts
 * the submission (core/portal/ delivers it; core/outbox/delivery-store.ts records each step).
 */
export function insertQueued(db: Db, masterKey: Buffer, entry: OutboxEntry): string {
  const id = randomUUID();
  const keyId = randomUUID();
  const key = newDataKey();
  const sealed = sealJson(key, entry.data, outboxAad(id, entry.reference));
  db.prepare("INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES (?, 'outbox', ?, ?)").run(
    keyId,
    wrapKey(masterKey, key, keyId, 'outbox'),
    entry.now,
  );
  db.prepare(
    `INSERT INTO outbox (id, reference, service_id, schema_uri, language, created_at, status, status_changed_at,
       key_id, payload_ciphertext, payload_nonce) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
  ).run(
    id,
    entry.reference,
    entry.serviceId,
    entry.schemaUri,
    entry.language,
    entry.now,
    entry.now,
    keyId,
    sealed.ciphertext,
    sealed.nonce,
  );
  key.fill(0);
  return id;
}

export function referenceTaken(db: Db, reference: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM outbox WHERE reference = ? UNION SELECT 1 FROM sessions WHERE reference = ?')
      .get(reference, reference) !== undefined
  );
}
