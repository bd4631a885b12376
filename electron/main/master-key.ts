import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { removeLeftoverTempFiles, writeNewFileAtomic } from '../../core/crypto/atomic-file';
import { MASTER_KEY_BYTES, MasterKeyError } from '../../core/crypto/master-key';
import type { MasterKeyLoadContext, MasterKeyProvider } from '../../core/types';

/** Shaped like Electron's safeStorage. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export const PROTECTED_KEY_FILE = 'master.key.safe';

/**
 * The master key, wrapped by the OS key store (DPAPI, Keychain, libsecret)
 * through safeStorage. Where the OS offers no real store (Linux 'basic_text'),
 * the plain file provider of the core is used instead (the shell refuses that
 * unless the operator opted in, see startup-guards.ts). A plain key left by an
 * earlier run is moved into the protected file so queued submissions stay readable.
 */
export function safeStorageMasterKeyProvider(
  dataDir: string,
  safeStorage: SafeStorageLike,
  plainProvider: MasterKeyProvider,
): MasterKeyProvider {
  const protectedFile = path.join(dataDir, PROTECTED_KEY_FILE);
  const plainFile = path.join(dataDir, 'master.key');
  let cached: Buffer | undefined;

  const usable = () =>
    safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';

  const readProtected = (): Buffer => {
    let key: Buffer;
    try {
      key = Buffer.from(safeStorage.decryptString(readFileSync(protectedFile)), 'base64');
    } catch (error) {
      throw new MasterKeyError(
        `the protected master key ${protectedFile} cannot be opened by the OS key store (${(error as Error).message})`,
      );
    }
    if (key.length !== MASTER_KEY_BYTES) throw new MasterKeyError('protected master key has the wrong length');
    return key;
  };

  return {
    load(context?: MasterKeyLoadContext) {
      if (cached) return cached;
      removeLeftoverTempFiles(protectedFile);
      if (existsSync(protectedFile)) {
        cached = readProtected();
        return cached;
      }
      if (!usable()) {
        cached = plainProvider.load(context);
        return cached;
      }
      if (!existsSync(plainFile) && context?.mayCreate === false) {
        throw new MasterKeyError(`the master key ${protectedFile} is missing, but kiosk.db holds queued applications`);
      }
      const key = existsSync(plainFile) ? plainProvider.load(context) : randomBytes(MASTER_KEY_BYTES);
      const wrapped = safeStorage.encryptString(key.toString('base64'));
      // Written whole or not at all; a key another process wrote at the same moment wins.
      if (writeNewFileAtomic(protectedFile, wrapped, { mode: 0o600 }) === 'exists') {
        cached = readProtected();
        return cached;
      }
      rmSync(plainFile, { force: true });
      cached = key;
      return cached;
    },
  };
}
