import type { Db } from '../db/open-database';
import { unwrapKey } from './aead';

export type DataKeyPurpose = 'session' | 'outbox';

/** Reads a data key's row and unwraps it with the master key; the purpose is bound into the wrapping. */
export function loadDataKey(db: Db, masterKey: Buffer, keyId: string, purpose: DataKeyPurpose): Buffer {
  const row = db.prepare('SELECT wrapped_key FROM data_keys WHERE id = ?').get(keyId) as
    { wrapped_key: Buffer } | undefined;
  if (!row) throw new Error(`${purpose} key is missing`);
  return unwrapKey(masterKey, row.wrapped_key, keyId, purpose);
}
