/**
 * The KeyUsage extension (RFC 5280 §4.2.1.3) of a DER certificate. Node's X509Certificate has no reader for
 * it (its `keyUsage` is the extended key usage), so this walks the DER: Certificate → tbsCertificate →
 * [3] extensions → the extension with OID 2.5.29.15 → its BIT STRING.
 */
export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

const BIT_NAMES: KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

const KEY_USAGE_OID = Buffer.from([0x55, 0x1d, 0x0f]);

interface Tlv {
  tag: number;
  /** The content's bounds in the buffer. */
  start: number;
  end: number;
}

function readTlv(der: Buffer, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new Error('DER ends early');
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) throw new Error('DER length unreadable');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i]!;
    start += bytes;
  }
  if (start + length > limit) throw new Error('DER ends early');
  return { tag, start, end: start + length };
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const found: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end;) {
    const child = readTlv(der, offset, parent.end);
    found.push(child);
    offset = child.end;
  }
  return found;
}

/** The key usages a certificate names; undefined when it has no KeyUsage extension. Throws on broken DER. */
export function certificateKeyUsage(der: Buffer): Set<KeyUsageName> | undefined {
  const certificate = readTlv(der, 0, der.length);
  const tbs = children(der, certificate)[0];
  if (!tbs || tbs.tag !== 0x30) throw new Error('no tbsCertificate');
  const extensionsField = children(der, tbs).find((field) => field.tag === 0xa3);
  if (!extensionsField) return undefined;
  const list = children(der, extensionsField)[0];
  if (!list || list.tag !== 0x30) throw new Error('extensions unreadable');
  for (const extension of children(der, list)) {
    const [oid, ...rest] = children(der, extension);
    if (!oid || oid.tag !== 0x06 || !der.subarray(oid.start, oid.end).equals(KEY_USAGE_OID)) continue;
    const value = rest.find((field) => field.tag === 0x04);
    if (!value) throw new Error('KeyUsage without a value');
    const bits = readTlv(der, value.start, value.end);
    if (bits.tag !== 0x03 || bits.end - bits.start < 1) throw new Error('KeyUsage is not a BIT STRING');
    const usages = new Set<KeyUsageName>();
    BIT_NAMES.forEach((name, bit) => {
      const byte = der[bits.start + 1 + Math.floor(bit / 8)];
      if (byte !== undefined && bits.start + 1 + Math.floor(bit / 8) < bits.end && byte & (0x80 >> (bit % 8)))
        usages.add(name);
    });
    return usages;
  }
  return undefined;
}
