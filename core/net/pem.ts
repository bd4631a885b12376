import { X509Certificate } from 'node:crypto';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The X.509 certificates in a PEM text (one or more, e.g. a CA bundle). Throws when there is none or one
 * does not parse: a trust setting that silently holds nothing would trust nothing, or the wrong thing.
 */
export function parsePemCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new Error('no PEM certificate in it');
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new Error(`certificate ${index + 1} cannot be parsed`);
    }
  });
}
