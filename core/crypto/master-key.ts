import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MasterKeyProvider } from '../types';

/**
 * Default master key: 32 random bytes in <dataDir>/master.key, mode 0600.
 * Electron replaces this with an OS-protected key (safeStorage). The file is
 * created exclusively, so two processes starting at once cannot both write it.
 */
export function fileMasterKeyProvider(dataDir: string): MasterKeyProvider {
  const file = join(dataDir, 'master.key');
  let cached: Buffer | undefined;
  return {
    load() {
      if (cached) return cached;
      try {
        const fd = openSync(file, 'wx', 0o600);
        try {
          writeSync(fd, randomBytes(32));
        } finally {
          closeSync(fd);
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      const key = readFileSync(file);
      if (key.length !== 32) throw new Error(`Master key file ${file} must hold exactly 32 bytes`);
      cached = key;
      return key;
    },
  };
}
