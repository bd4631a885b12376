import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFilesPrivate } from '../core/fs/private-files';
import { calculateJwkThumbprint, compactDecrypt, exportJWK, type JWK } from 'jose';

export const HANDOVER_ALG = 'RSA-OAEP-256';
export const HANDOVER_KEY_FILE = 'handover-key.pem';

export interface HandoverKey {
  publicJwk: JWK;
  /** Opens a compact JWE sealed for this key; throws when it is not. */
  open(jwe: string): Promise<Buffer>;
}

/**
 * The hub's RSA-OAEP-256 key for drafts handed to the desk: generated once,
 * the private key kept in <dataDir>/handover-key.pem with mode 0600.
 */
export async function loadHandoverKey(dataDir: string, modulusLength = 3072): Promise<HandoverKey> {
  const file = join(dataDir, HANDOVER_KEY_FILE);
  let privateKey: KeyObject;
  if (existsSync(file)) {
    makeFilesPrivate(file);
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } else {
    // Off the event loop (seconds on a small machine): the hub, or the kiosk embedding it, keeps answering.
    const pair = await promisify(generateKeyPair)('rsa', { modulusLength, publicExponent: 0x10001 });
    privateKey = pair.privateKey;
    // 'wx': never overwrite a key another process wrote meanwhile.
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { ...jwk, alg: HANDOVER_ALG, use: 'enc', kid };
  return {
    publicJwk,
    async open(jwe) {
      const { plaintext } = await compactDecrypt(jwe, privateKey, {
        keyManagementAlgorithms: [HANDOVER_ALG],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return Buffer.from(plaintext);
    },
  };
}
