import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFilesPrivate } from '../../core/fs/private-files';

export const BUNDLE_KEY_FILE = 'bundle-key.pem';

export interface BundleSigningKey {
  /** SPKI DER, base64: what the terminal pins at enrolment. */
  publicKey: string;
  sign(text: string): string;
}

/**
 * The hub's Ed25519 key for catalogue bundles: generated on first use (milliseconds), the private key kept in
 * <dataDir>/bundle-key.pem with mode 0600 next to the handover key. Never sent anywhere.
 */
export function loadBundleKey(dataDir: string): BundleSigningKey {
  const file = join(dataDir, BUNDLE_KEY_FILE);
  let privateKey: KeyObject;
  if (existsSync(file)) {
    makeFilesPrivate(file);
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the bundle key is not an Ed25519 key');
  } else {
    privateKey = generateKeyPairSync('ed25519').privateKey;
    // 'wx': never overwrite a key another process wrote meanwhile.
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    publicKey,
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}
