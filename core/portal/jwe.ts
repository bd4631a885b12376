import { CompactEncrypt, importJWK, type JWK } from 'jose';

/** Compact JWE as FIT-Connect requires: RSA-OAEP-256 key wrap, A256GCM content, the key's kid, a cty. */
export async function encryptForDestination(
  plaintext: Uint8Array,
  key: JWK & { kid: string },
  contentType: string,
): Promise<string> {
  // key_ops was checked (wrapKey); WebCrypto would refuse it, since jose wraps the CEK with `encrypt`.
  const { key_ops: _checked, ...material } = key;
  const publicKey = await importJWK({ ...material, alg: 'RSA-OAEP-256' }, 'RSA-OAEP-256');
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: key.kid, cty: contentType })
    .encrypt(publicKey);
}
