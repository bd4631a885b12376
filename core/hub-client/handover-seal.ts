import { randomInt } from 'node:crypto';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import { CODE_ALPHABET } from '../../contract/hub';

/** XXXX-XXXX from the unambiguous alphabet (31^8 ≈ 8.5·10^11 codes), drawn with a CSPRNG. */
export function newHandoverCode(): string {
  const pick = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!;
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `${group()}-${group()}`;
}

/** The draft for the desk as compact JWE for the hub's key: RSA-OAEP-256 key wrap, A256GCM content. */
export async function sealForHub(draft: unknown, key: Record<string, unknown>): Promise<string> {
  const { key_ops: _ops, use: _use, alg: _alg, ...material } = key as JWK;
  const publicKey = await importJWK({ ...material, alg: 'RSA-OAEP-256' }, 'RSA-OAEP-256');
  const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'application/json' };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(draft)))
    .setProtectedHeader(typeof material.kid === 'string' ? { ...header, kid: material.kid } : header)
    .encrypt(publicKey);
}

/**
 * QR modules of the code, one 0/1 string per row; level Q like the receipt's. The QR library is
 * loaded on the first handover, not with the core: most terminal starts never need it.
 */
export async function codeQrRows(code: string): Promise<string[]> {
  const { default: QRCode } = await import('qrcode');
  const { modules } = QRCode.create(code, { errorCorrectionLevel: 'Q' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => (modules.get(row, column) ? '1' : '0')).join(''),
  );
}
