// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SafeStorageLike } from '../../electron/main/master-key';
import { PORTAL_SECRET_FILE, safeStoragePortalSecret } from '../../electron/main/portal-secret';
import { readPortalConfig } from '../../launcher/portal-settings';
import { StartupError } from '../../launcher/startup-error';
import { PROJECT_RESOURCES } from '../fixtures/core-harness';

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

/** The root certificate the configuration names (a throwaway self-signed CA made with Debian's openssl). */
function rootCertificate(dir: string): string {
  const file = path.join(dir, 'root.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Test root',
    '-keyout', path.join(dir, 'root-key.pem'), '-out', file,
  ], { stdio: 'ignore' }); // prettier-ignore
  return file;
}

const context = (secretStore?: ReturnType<typeof safeStoragePortalSecret>) => ({
  resourcesDir: PROJECT_RESOURCES,
  ...(secretStore ? { secretStore } : {}),
});

function configFile(dir: string, withSecret: boolean): string {
  const file = path.join(dir, 'portal.json');
  const root = existsSync(path.join(dir, 'root.pem')) ? path.join(dir, 'root.pem') : rootCertificate(dir);
  writeFileSync(
    file,
    JSON.stringify({
      tokenUrl: 'https://auth.example/token',
      submissionApiUrl: 'https://submission.example',
      clientId: 'stade-kiosk',
      ...(withSecret ? { clientSecret: SECRET } : {}),
      destinations: { meldebescheinigung: '5f0e8c1a-2b7d-4c3e-9a61-0d4b8e7f2c35' },
      trustedRootCertificate: path.basename(root),
    }),
  );
  return file;
}

describe('portal client secret in Electron mode', () => {
  it('moves a secret given once into the OS key store, then works without the plain copy', () => {
    const dir = dataDir();
    const store = safeStoragePortalSecret(dir, fakeSafeStorage());
    expect(readPortalConfig(configFile(dir, true), {}, context(store)).clientSecret).toBe(SECRET);
    const stored = readFileSync(path.join(dir, PORTAL_SECRET_FILE));
    expect(stored.toString('utf8')).not.toContain(SECRET);
    // IT removed the secret from the file: it still comes from the key store.
    expect(readPortalConfig(configFile(dir, false), {}, context(store)).clientSecret).toBe(SECRET);
  });

  it('takes KIOSK_PORTAL_CLIENT_SECRET over the file', () => {
    const dir = dataDir();
    const store = safeStoragePortalSecret(dir, fakeSafeStorage());
    const config = readPortalConfig(
      configFile(dir, true),
      { KIOSK_PORTAL_CLIENT_SECRET: 'from-env-secret' },
      context(store),
    );
    expect(config.clientSecret).toBe('from-env-secret');
    expect(store.load()).toBe('from-env-secret');
  });

  it("stores nothing where the OS has no real key store (Linux 'basic_text')", () => {
    const dir = dataDir();
    const store = safeStoragePortalSecret(dir, fakeSafeStorage('basic_text'));
    readPortalConfig(configFile(dir, true), {}, context(store));
    expect(existsSync(path.join(dir, PORTAL_SECRET_FILE))).toBe(false);
  });

  it('keeps no secret from a configuration it refuses (here: a service the catalog does not have)', () => {
    const dir = dataDir();
    const file = configFile(dir, true);
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      file,
      JSON.stringify({ ...config, destinations: { hundesteuer: '5f0e8c1a-2b7d-4c3e-9a61-0d4b8e7f2c35' } }),
    );
    const store = safeStoragePortalSecret(dir, fakeSafeStorage());
    expect(() => readPortalConfig(file, {}, context(store))).toThrow(/destinations\.hundesteuer: no such service/);
    expect(existsSync(path.join(dir, PORTAL_SECRET_FILE))).toBe(false);
  });

  it('refuses a configuration without a secret anywhere, naming the field but never a value', () => {
    const dir = dataDir();
    const file = configFile(dir, false);
    expect(() => readPortalConfig(file, {}, context(safeStoragePortalSecret(dir, fakeSafeStorage())))).toThrow(
      StartupError,
    );
    expect(() => readPortalConfig(file, {}, context())).toThrow(/clientSecret/);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ clientSecret: SECRET, tokenUrl: 'not a url' }));
    try {
      readPortalConfig(broken, {}, context());
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});
