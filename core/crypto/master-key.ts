import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open-database';
import { makeFilesPrivate } from '../fs/private-files';
import type { MasterKeyLoadContext, MasterKeyProvider } from '../types';
import { unwrapKey } from './aead';
import { removeLeftoverTempFiles, writeNewFileAtomic, type AtomicWriteStep } from './atomic-file';

export const MASTER_KEY_BYTES = 32;

/** A master key that cannot be used: the kiosk refuses to start, with this message, and changes nothing. */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

const RECOVERY =
  'The kiosk will not make a new key over existing data. Restore the key file from the backup of this ' +
  'terminal; only if the data folder holds no queued applications may it be moved aside with kiosk.db.';

/**
 * Default master key: 32 random bytes in <dataDir>/master.key, mode 0600.
 * Electron replaces this with an OS-protected key (safeStorage). The file is
 * written atomically (see writeNewFileAtomic), so a crash or power cut leaves
 * either no key or the whole key; one that is there but damaged is refused.
 * `onStep` lets a test kill the process between the steps of the write.
 */
export function fileMasterKeyProvider(
  dataDir: string,
  options: { onStep?: (step: AtomicWriteStep) => void } = {},
): MasterKeyProvider {
  const file = join(dataDir, 'master.key');
  let cached: Buffer | undefined;
  return {
    load(context?: MasterKeyLoadContext) {
      if (cached) return cached;
      removeLeftoverTempFiles(file);
      if (!existsSync(file)) {
        if (context?.mayCreate === false) {
          throw new MasterKeyError(
            `the master key ${file} is missing, but kiosk.db holds queued applications whose keys it wraps. ${RECOVERY}`,
          );
        }
        writeNewFileAtomic(file, randomBytes(MASTER_KEY_BYTES), { mode: 0o600, onStep: options.onStep });
      }
      makeFilesPrivate(file);
      const key = readFileSync(file);
      if (key.length !== MASTER_KEY_BYTES) {
        throw new MasterKeyError(
          `the master key ${file} is damaged (${key.length} bytes, expected ${MASTER_KEY_BYTES}). ${RECOVERY}`,
        );
      }
      cached = key;
      return key;
    },
  };
}

/**
 * Whether kiosk.db holds queued applications' keys, wrapped by the master key: then a new master key must
 * never be made. (A draft whose key cannot be opened is wiped at start-up, as after its idle timeout.)
 */
export function hasOutboxKeys(db: Db): boolean {
  return db.prepare('SELECT 1 FROM outbox WHERE key_id IS NOT NULL LIMIT 1').get() !== undefined;
}

/**
 * Refuses a master key that does not open the queued applications' keys in kiosk.db (a garbled or
 * foreign key file): running with it would lose every application it cannot open.
 */
export function assertMasterKeyOpensData(db: Db, masterKey: Buffer): void {
  // A key no queued application uses (an orphan) is wiped by the start-up recovery; it proves nothing.
  const row = db
    .prepare(
      `SELECT d.id, d.purpose, d.wrapped_key FROM outbox o JOIN data_keys d ON d.id = o.key_id
         WHERE o.key_id IS NOT NULL LIMIT 1`,
    )
    .get() as { id: string; purpose: string; wrapped_key: Buffer } | undefined;
  if (!row) return;
  try {
    unwrapKey(masterKey, row.wrapped_key, row.id, row.purpose).fill(0);
  } catch {
    throw new MasterKeyError(
      `the master key does not open the keys stored in kiosk.db (garbled or foreign). ${RECOVERY}`,
    );
  }
}
