// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkKeyCertificate } from '../../core/portal/key-certificate';
import { generateReceiverKeys, type ReceiverKeySet } from '../../receiver';
import { START_TIMEOUT_MS, startTestReceiver, TestSender, type TestReceiver } from './receiver-test-sender';

/**
 * The reference receiver stands for the administration PKI with a demo CA of its own: its encryption key
 * comes with `x5c` = [key certificate, root], made at first start and kept in the data folder (0600).
 * The chain is checked with Debian's openssl (independent of the kiosk's own check) and with the kiosk's.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: START_TIMEOUT_MS });

let keys: ReceiverKeySet;
let running: TestReceiver;

beforeAll(async () => {
  keys = await generateReceiverKeys();
  running = await startTestReceiver({ initialKeys: keys });
});

afterAll(async () => {
  await running?.cleanup();
});

const der = (entry: string) => new X509Certificate(Buffer.from(entry, 'base64'));

async function servedKey(receiver = running.receiver) {
  return (await new TestSender(receiver.url).encryptionKey()).jwk;
}

describe('the reference receiver certifies its encryption key with its demo CA', () => {
  it('serves x5c = [key certificate, root]; openssl and the kiosk both accept the chain', async () => {
    const jwk = await servedKey();
    expect(jwk.x5c).toHaveLength(2);
    const [leaf, root] = jwk.x5c!.map(der) as [X509Certificate, X509Certificate];
    expect(root.toString()).toBe(running.receiver.rootCertificatePem);
    expect(leaf.publicKey.export({ format: 'jwk' })).toMatchObject({ n: jwk.n, e: jwk.e });

    const dir = running.dataDir;
    writeFileSync(path.join(dir, 'leaf.pem'), leaf.toString());
    const verified = execFileSync('openssl', [
      'verify', '-CAfile', running.receiver.rootCertificateFile, path.join(dir, 'leaf.pem'),
    ]).toString(); // prettier-ignore
    expect(verified.trim()).toMatch(/leaf\.pem: OK$/);
    const text = execFileSync('openssl', ['x509', '-in', path.join(dir, 'leaf.pem'), '-noout', '-text']).toString();
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Key Encipherment/);
    expect(text).toMatch(/CA:FALSE/);

    expect(() => checkKeyCertificate(jwk, [root], Date.now())).not.toThrow();
  });

  it('keeps the CA in <data dir>/demo-ca, private (0600 files, 0700 folder)', () => {
    const dir = path.join(running.dataDir, 'demo-ca');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of ['root-key.pem', 'root-cert.pem']) {
      expect(statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    }
  });

  it("certifies a rotated key with the same root, and an older data folder's uncertified key at its next start", async () => {
    const { receiver, dataDir } = running;
    const before = receiver.rootCertificatePem;
    await receiver.faults.rotateEncryptionKey();
    const rotated = await servedKey();
    expect(der(rotated.x5c![1]!).toString()).toBe(before);
    expect(() => checkKeyCertificate(rotated, [new X509Certificate(before)], Date.now())).not.toThrow();

    // A data folder from before the demo CA: its stored key has no x5c.
    await receiver.close();
    const db = new Database(path.join(dataDir, 'receiver.db'));
    const row = db
      .prepare("SELECT kid, public_jwk FROM keys WHERE purpose = 'encryption' AND retired_at IS NULL")
      .get() as {
      kid: string;
      public_jwk: string;
    };
    const { x5c: _dropped, ...bare } = JSON.parse(row.public_jwk) as Record<string, unknown>;
    db.prepare('UPDATE keys SET public_jwk = ? WHERE kid = ?').run(JSON.stringify(bare), row.kid);
    db.close();

    running = await startTestReceiver({ initialKeys: keys }, dataDir);
    expect(running.receiver.rootCertificatePem).toBe(before);
    const again = await servedKey();
    expect(again.kid).toBe(row.kid);
    expect(() => checkKeyCertificate(again, [new X509Certificate(before)], Date.now())).not.toThrow();
  });
});
