import { compactDecrypt } from 'jose';

/**
 * Compact JWE as FIT-Connect uses it: RSA-OAEP-256 key wrap, A256GCM content encryption, a `kid` naming
 * the destination key and a `cty`. The Submission API checks the shape and header; only the subscriber,
 * holding the private key, can decrypt.
 */
export const JWE_ALG = 'RSA-OAEP-256';
export const JWE_ENC = 'A256GCM';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type JweCheck =
  | { ok: true; header: Record<string, unknown>; authenticationTag: string }
  | { ok: false; kind: 'syntax' | 'header'; detail: string };

export function checkCompactJwe(text: string): JweCheck {
  const parts = text.split('.');
  if (parts.length !== 5 || parts.some((part) => !BASE64URL.test(part))) {
    return { ok: false, kind: 'syntax', detail: 'expected five base64url parts separated by dots' };
  }
  const [protectedHeader, , iv, ciphertext, tag] = parts as [string, string, string, string, string];
  if (protectedHeader === '' || iv === '' || ciphertext === '' || tag === '') {
    return { ok: false, kind: 'syntax', detail: 'header, IV, ciphertext and tag must not be empty' };
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, kind: 'syntax', detail: 'protected header is not JSON' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return { ok: false, kind: 'syntax', detail: 'protected header is not a JSON object' };
  }
  const fields = header as Record<string, unknown>;
  if (fields.alg !== JWE_ALG) return { ok: false, kind: 'header', detail: `alg must be ${JWE_ALG}` };
  if (fields.enc !== JWE_ENC) return { ok: false, kind: 'header', detail: `enc must be ${JWE_ENC}` };
  if (typeof fields.kid !== 'string' || fields.kid === '') return { ok: false, kind: 'header', detail: 'kid missing' };
  if (typeof fields.cty !== 'string' || fields.cty === '') return { ok: false, kind: 'header', detail: 'cty missing' };
  return { ok: true, header: fields, authenticationTag: tag };
}

export function authenticationTagOf(jwe: string): string {
  return jwe.slice(jwe.lastIndexOf('.') + 1);
}

/**
 * The protected header's kid, read from the first part alone: for content whose shape was checked when it
 * arrived. Scanning a megabyte of ciphertext again for each look at its kid cost more than the upload.
 */
export function kidOf(jwe: string): string | undefined {
  const end = jwe.indexOf('.');
  if (end <= 0) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(jwe.slice(0, end), 'base64url').toString('utf8'));
    const kid = (header as { kid?: unknown } | null)?.kid;
    return typeof kid === 'string' && kid !== '' ? kid : undefined;
  } catch {
    return undefined;
  }
}

export async function decryptCompact(jwe: string, privateKey: CryptoKey): Promise<Uint8Array> {
  const { plaintext } = await compactDecrypt(jwe, privateKey, {
    keyManagementAlgorithms: [JWE_ALG],
    contentEncryptionAlgorithms: [JWE_ENC],
  });
  return plaintext;
}
