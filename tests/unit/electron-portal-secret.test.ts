// @vitest-environment node
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SafeStorageLike } from '../../electron/main/master-key';
import { PORTAL_SECRET_FILE, safeStoragePortalSecret } from '../../electron/main/portal-secret';
import { readPortalConfig } from '../../launcher/portal-settings';
import { StartupError } from '../../launcher/startup-error';

/** Stands in for the OS key store (DPAPI, Keychain, libsecret): reversible, visibly not the plain text. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`wrapped:${Buffer.from(text).toString('hex')}`),
    decryptString(data) {
      const text = data.toString('utf8');
      if (!text.startsWith('wrapped:')) throw new Error('not ours');
      return Buffer.from(text.slice('wrapped:'.length), 'hex').toString('utf8');
    },
  };
}

const SECRET = 'portal-client-secret-do-not-log';
const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-portal-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configFile(dir: string, withSecret: boolean): string {
  const file = path.join(dir, 'portal.json');
  writeFileSync(
    file,
    JSON.stringify({
      tokenUrl: 'https://auth.example/token',
      submissionApiUrl: 'https://submission.example',
      clientId: 'stade-kiosk',
      ...(withSecret ? { clientSecret: SECRET } : {}),
      destinations: { meldebescheinigung: '5f0e8c1a-2b7d-4c3e-9a61-0d4b8e7f2c35' },
    }),
  );
  return file;
}

describe('portal client secret in Electron mode', () => {
  it('moves a secret given once into the OS key store, then works without the plain copy', () => {
    const dir = dataDir();
    const store = safeStoragePortalSecret(dir, fakeSafeStorage());
    expect(readPortalConfig(configFile(dir, true), {}, store).clientSecret).toBe(SECRET);
    const stored = readFileSync(path.join(dir, PORTAL_SECRET_FILE));
    expect(stored.toString('utf8')).not.toContain(SECRET);
    // IT removed the secret from the file: it still comes from the key store.
    expect(readPortalConfig(configFile(dir, false), {}, store).clientSecret).toBe(SECRET);
  });

  it('takes KIOSK_PORTAL_CLIENT_SECRET over the file', () => {
    const dir = dataDir();
    const store = safeStoragePortalSecret(dir, fakeSafeStorage());
    const config = readPortalConfig(configFile(dir, true), { KIOSK_PORTAL_CLIENT_SECRET: 'from-env-secret' }, store);
    expect(config.clientSecret).toBe('from-env-secret');
    expect(store.load()).toBe('from-env-secret');
  });

  it("stores nothing where the OS has no real key store (Linux 'basic_text')", () => {
    const dir = dataDir();
    const store = safeStoragePortalSecret(dir, fakeSafeStorage('basic_text'));
    readPortalConfig(configFile(dir, true), {}, store);
    expect(existsSync(path.join(dir, PORTAL_SECRET_FILE))).toBe(false);
  });

  it('refuses a configuration without a secret anywhere, naming the field but never a value', () => {
    const dir = dataDir();
    const file = configFile(dir, false);
    expect(() => readPortalConfig(file, {}, safeStoragePortalSecret(dir, fakeSafeStorage()))).toThrow(StartupError);
    expect(() => readPortalConfig(file, {})).toThrow(/clientSecret/);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ clientSecret: SECRET, tokenUrl: 'not a url' }));
    try {
      readPortalConfig(broken, {});
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});
