import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MasterKeyProvider } from '../../core/types';

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
 * the plain file provider of the core is used instead. A plain key left by an
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

  return {
    load() {
      if (cached) return cached;
      if (existsSync(protectedFile)) {
        const encoded = safeStorage.decryptString(readFileSync(protectedFile));
        cached = Buffer.from(encoded, 'base64');
        if (cached.length !== 32) throw new Error('protected master key has the wrong length');
        return cached;
      }
      if (!usable()) {
        cached = plainProvider.load();
        return cached;
      }
      const key = existsSync(plainFile) ? plainProvider.load() : randomBytes(32);
      writeFileSync(protectedFile, safeStorage.encryptString(key.toString('base64')), { flag: 'wx', mode: 0o600 });
      rmSync(plainFile, { force: true });
      cached = key;
      return cached;
    },
  };
}
