import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/**
 * The receiver's RSA-4096 key pairs. The encryption key's public JWK is what senders encrypt to
 * (RSA-OAEP-256, key_ops ["wrapKey"]); the signing keys sign Security Event Tokens (PS512).
 * The kid is the key's RFC 7638 thumbprint: 43 characters, inside FIT-Connect's 8–64.
 */
export type KeyPurpose = 'encryption' | 'subscriber-signing' | 'service-signing';

export interface StoredKey {
  kid: string;
  purpose: KeyPurpose;
  privateJwk: JWK;
  publicJwk: JWK;
}

export const MODULUS_LENGTH = 4096;

export async function generateStoredKey(purpose: KeyPurpose): Promise<StoredKey> {
  const alg = purpose === 'encryption' ? 'RSA-OAEP-256' : 'PS512';
  const pair = await generateKeyPair(alg, { modulusLength: MODULUS_LENGTH, extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  const bare = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(bare, 'sha256');
  const publicJwk: JWK =
    purpose === 'encryption'
      ? { kty: 'RSA', n: bare.n, e: bare.e, kid, alg: 'RSA-OAEP-256', key_ops: ['wrapKey'] }
      : { kty: 'RSA', n: bare.n, e: bare.e, kid, alg: 'PS512', key_ops: ['verify'] };
  return { kid, purpose, privateJwk: { ...privateJwk, kid }, publicJwk };
}

/** A private key as a CryptoKey for its one job (decrypt or sign). */
export async function importPrivateKey(key: StoredKey): Promise<CryptoKey> {
  const alg = key.purpose === 'encryption' ? 'RSA-OAEP-256' : 'PS512';
  // Drop kid/alg/key_ops: jose derives the usages from the algorithm.
  const { kty, n, e, d, p, q, dp, dq, qi } = key.privateJwk;
  return (await importJWK({ kty, n, e, d, p, q, dp, dq, qi }, alg)) as CryptoKey;
}

/** One key pair per purpose: what a receiver generates on first start. */
export type ReceiverKeySet = Record<KeyPurpose, StoredKey>;

/**
 * Generates a complete key set. Tests that start many receivers can make one set in beforeAll and pass it
 * as `initialKeys`, instead of paying for three RSA-4096 key generations per receiver.
 */
export async function generateReceiverKeys(): Promise<ReceiverKeySet> {
  const [encryption, subscriberSigning, serviceSigning] = await Promise.all([
    generateStoredKey('encryption'),
    generateStoredKey('subscriber-signing'),
    generateStoredKey('service-signing'),
  ]);
  return { encryption, 'subscriber-signing': subscriberSigning, 'service-signing': serviceSigning };
}
