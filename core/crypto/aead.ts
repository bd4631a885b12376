import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with associated data. The associated data binds a ciphertext to
 * where it belongs (the session id for a draft, outbox id + reference), so a row
 * copied to another place fails to decrypt instead of showing the wrong data.
 */
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  /** Ciphertext followed by the 16-byte GCM tag. */
  ciphertext: Buffer;
  nonce: Buffer;
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext: Buffer.concat([body, cipher.getAuthTag()]), nonce };
}

export function open(key: Buffer, sealed: Sealed, aad: string): Buffer {
  assertKey(key);
  if (sealed.nonce.length !== NONCE_BYTES || sealed.ciphertext.length < TAG_BYTES) {
    throw new Error('Malformed ciphertext');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES));
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

export function sealJson(key: Buffer, value: unknown, aad: string): Sealed {
  return seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);
}

export function openJson(key: Buffer, sealed: Sealed, aad: string): unknown {
  return JSON.parse(open(key, sealed, aad).toString('utf8'));
}

/** A data key wrapped by the master key, stored as nonce ‖ ciphertext ‖ tag in one blob. */
export function wrapKey(masterKey: Buffer, dataKey: Buffer, keyId: string, purpose: string): Buffer {
  const sealed = seal(masterKey, dataKey, `data-key\0${keyId}\0${purpose}`);
  return Buffer.concat([sealed.nonce, sealed.ciphertext]);
}

export function unwrapKey(masterKey: Buffer, wrapped: Buffer, keyId: string, purpose: string): Buffer {
  const sealed = { nonce: wrapped.subarray(0, NONCE_BYTES), ciphertext: wrapped.subarray(NONCE_BYTES) };
  const key = open(masterKey, sealed, `data-key\0${keyId}\0${purpose}`);
  assertKey(key);
  return key;
}

export function draftAad(sessionId: string): string {
  return `draft\0${sessionId}`;
}

/** The current page's unconfirmed entries: bound to the session, and never to be opened as its answers. */
export function pageDraftAad(sessionId: string): string {
  return `page-draft\0${sessionId}`;
}

export function attachmentAad(outboxId: string, attachmentId: string): string {
  return `attachment\0${outboxId}\0${attachmentId}`;
}

export function outboxAad(outboxId: string, reference: string): string {
  return `outbox\0${outboxId}\0${reference}`;
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error('AES-256 key must be 32 bytes');
}
