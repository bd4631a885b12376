import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../launcher/portal-settings';
import type { SafeStorageLike } from './master-key';

export const PORTAL_SECRET_FILE = 'portal-secret.safe';

/**
 * The portal's OAuth client secret, kept by the OS key store through
 * safeStorage: IT puts it in the configuration (or KIOSK_PORTAL_CLIENT_SECRET)
 * once, the kiosk stores it protected, and the plain copy can go. Without a
 * real key store (Linux 'basic_text') nothing is stored: the secret must then
 * stay in the configuration, guarded by file permissions.
 */
export function safeStoragePortalSecret(dataDir: string, safeStorage: SafeStorageLike): SecretStore {
  const file = path.join(dataDir, PORTAL_SECRET_FILE);
  const usable = () =>
    safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  return {
    load: () => (existsSync(file) ? safeStorage.decryptString(readFileSync(file)) : undefined),
    save(secret) {
      if (!usable()) return;
      writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
    },
  };
}
