import { randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptForDestination } from '../../core/portal/jwe';
import { checkCompactJwe, decryptCompact } from '../../receiver/crypto/jwe';

/**
 * The kiosk builds its compact JWE with node:crypto; jose (as any FIT-Connect subscriber would use) and the
 * reference receiver must read it. A 2048-bit key keeps this fast: the format does not depend on the key size
 * (portal-sync sends with the receiver's real 4096-bit key end to end).
 */
const KID = 'kiosk-jwe-test-kid';

let publicKey: CryptoKey;
let privateKey: CryptoKey;
let jwk: JWK & { kid: string };

beforeAll(async () => {
  ({ publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true }));
  jwk = { ...(await exportJWK(publicKey)), kid: KID, key_ops: ['wrapKey'] };
});

describe('encryptForDestination', () => {
  it('makes a compact JWE that jose and the receiver decrypt to the same bytes', async () => {
    const attachment = randomBytes(300_000);
    const jwe = encryptForDestination(attachment, jwk, 'application/pdf');

    const check = checkCompactJwe(jwe);
    expect(check).toMatchObject({ ok: true, header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: KID } });
    const byJose = await compactDecrypt(jwe, privateKey, {
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    expect(byJose.protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: KID, cty: 'application/pdf' });
    expect(Buffer.from(byJose.plaintext).equals(attachment)).toBe(true);
    expect(Buffer.from(await decryptCompact(jwe, privateKey)).equals(attachment)).toBe(true);
  });

  it('has the same protected header as jose and a fresh key and IV each time', async () => {
    const data = Buffer.from(JSON.stringify({ familyName: 'Mustermann' }), 'utf8');
    const ours = encryptForDestination(data, jwk, 'application/json');
    const again = encryptForDestination(data, jwk, 'application/json');
    const theirs = await new CompactEncrypt(data)
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: KID, cty: 'application/json' })
      .encrypt(publicKey);
    expect(ours.split('.')[0]).toBe(theirs.split('.')[0]);
    expect(decodeProtectedHeader(ours)).toEqual(decodeProtectedHeader(theirs));
    const [, keyA, ivA, bodyA] = ours.split('.');
    const [, keyB, ivB, bodyB] = again.split('.');
    expect(keyA).not.toBe(keyB);
    expect(ivA).not.toBe(ivB);
    expect(bodyA).not.toBe(bodyB);
    expect(Buffer.from(ivA!, 'base64url')).toHaveLength(12);
  });

  it('binds the protected header: a changed header or ciphertext does not decrypt', async () => {
    const jwe = encryptForDestination(Buffer.from('{"a":1}', 'utf8'), jwk, 'application/json');
    const parts = jwe.split('.');
    const otherHeader = Buffer.from(
      JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: KID, cty: 'text/plain' }),
      'utf8',
    ).toString('base64url');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    for (const tampered of [
      [otherHeader, ...parts.slice(1)].join('.'),
      [...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('.'),
    ]) {
      await expect(decryptCompact(tampered, privateKey)).rejects.toThrow();
    }
  });
});
