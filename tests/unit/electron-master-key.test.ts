// @vitest-environment node
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileMasterKeyProvider } from '../../core/crypto/master-key';
import { PROTECTED_KEY_FILE, safeStorageMasterKeyProvider, type SafeStorageLike } from '../../electron/main/master-key';

/** Stands in for the OS key store: a reversible transformation that is visibly not the plain text. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike & { used: number } {
  const fake = {
    used: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text: string) {
      fake.used += 1;
      return Buffer.from(`wrapped:${Buffer.from(text).toString('hex')}`);
    },
    decryptString(data: Buffer) {
      fake.used += 1;
      const text = data.toString('utf8');
      if (!text.startsWith('wrapped:')) throw new Error('not ours');
      return Buffer.from(text.slice('wrapped:'.length), 'hex').toString('utf8');
    },
  };
  return fake;
}

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('safeStorage master key', () => {
  it('creates a 32-byte key stored only in wrapped form, and reads the same key back', () => {
    const dir = dataDir();
    const safe = fakeSafeStorage();
    const key = safeStorageMasterKeyProvider(dir, safe, fileMasterKeyProvider(dir)).load();
    expect(key.length).toBe(32);
    expect(existsSync(path.join(dir, 'master.key'))).toBe(false);
    const stored = readFileSync(path.join(dir, PROTECTED_KEY_FILE));
    expect(stored.includes(key)).toBe(false);
    const again = safeStorageMasterKeyProvider(dir, safe, fileMasterKeyProvider(dir)).load();
    expect(again.equals(key)).toBe(true);
  });

  it('moves an existing plain key into the protected file, keeping its value', () => {
    const dir = dataDir();
    const plain = fileMasterKeyProvider(dir).load();
    expect(existsSync(path.join(dir, 'master.key'))).toBe(true);
    const key = safeStorageMasterKeyProvider(dir, fakeSafeStorage(), fileMasterKeyProvider(dir)).load();
    expect(key.equals(plain)).toBe(true);
    expect(existsSync(path.join(dir, 'master.key'))).toBe(false);
    expect(existsSync(path.join(dir, PROTECTED_KEY_FILE))).toBe(true);
  });

  it.each([
    ['no OS key store', fakeSafeStorage('gnome_libsecret', false)],
    ["Linux 'basic_text' (no real protection)", fakeSafeStorage('basic_text', true)],
  ])('falls back to the plain key file with %s', (_name, safe) => {
    const dir = dataDir();
    const key = safeStorageMasterKeyProvider(dir, safe, fileMasterKeyProvider(dir)).load();
    expect(key.length).toBe(32);
    expect(existsSync(path.join(dir, PROTECTED_KEY_FILE))).toBe(false);
    expect(readFileSync(path.join(dir, 'master.key')).equals(key)).toBe(true);
  });

  it('refuses a protected key of the wrong length', () => {
    const dir = dataDir();
    const safe = fakeSafeStorage();
    writeFileSync(path.join(dir, PROTECTED_KEY_FILE), safe.encryptString(Buffer.alloc(5).toString('base64')));
    expect(() => safeStorageMasterKeyProvider(dir, safe, fileMasterKeyProvider(dir)).load()).toThrow(/wrong length/);
  });

  it('writes the protected key whole (no temp file left) and removes one an earlier crash left', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, `${PROTECTED_KEY_FILE}.0123456789abcdef.tmp`), 'half');
    const key = safeStorageMasterKeyProvider(dir, fakeSafeStorage(), fileMasterKeyProvider(dir)).load();
    expect(key.length).toBe(32);
    expect(readdirSync(dir)).toEqual([PROTECTED_KEY_FILE]);
    expect(statSync(path.join(dir, PROTECTED_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('never makes a new key when kiosk.db holds queued applications', () => {
    const dir = dataDir();
    expect(() =>
      safeStorageMasterKeyProvider(dir, fakeSafeStorage(), fileMasterKeyProvider(dir)).load({ mayCreate: false }),
    ).toThrow(/missing, but kiosk.db holds queued applications/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says clearly when the OS key store cannot open the protected key', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, PROTECTED_KEY_FILE), 'not wrapped by this key store');
    expect(() => safeStorageMasterKeyProvider(dir, fakeSafeStorage(), fileMasterKeyProvider(dir)).load()).toThrow(
      /cannot be opened by the OS key store/,
    );
  });
});
