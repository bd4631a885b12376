import { X509Certificate } from 'node:crypto';
import type { JWK } from 'jose';
import { certificateKeyUsage } from './certificate-key-usage';
import { permanent } from './portal-error';

/** Longer chains than this are not a PKI we know: refused rather than walked. */
const MAX_CHAIN = 8;

/**
 * FIT-Connect: before encrypting, the sender checks the destination's encryption key against the
 * administration PKI (Verwaltungs-PKI). The JWK carries its certificate chain in `x5c` (RFC 7517 §4.7:
 * base64 DER, the key's own certificate first, each next one certifying the one before), which must lead to
 * a configured root; every certificate must be valid now; the key's certificate must allow key
 * encipherment (RSA-OAEP key wrap) and hold exactly the JWK's public key.
 * Source: https://docs.fitko.de/fit-connect/docs/sending/encrypt#certificateValidation and the key
 * requirements in https://git.fitko.de/fit-connect/submission-api (docs/getting-started/encryption.mdx).
 * Not checked here: revocation (OCSP/CRL), which FIT-Connect also asks for and needs the PKI's responders.
 * Every refusal is permanent: the application is parked with the reason for staff, and nothing is sent.
 */
export function checkKeyCertificate(key: JWK, roots: readonly X509Certificate[], now: number): void {
  const refuse = (why: string) =>
    permanent('urn:buergerkiosk:portal:key-certificate', `Encryption key certificate refused: ${why}`);
  const x5c: unknown = key.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0) throw refuse('the key has no x5c certificate chain');
  if (x5c.length > MAX_CHAIN) throw refuse('the x5c chain is too long');
  const chain = x5c.map((entry: unknown, index) => {
    if (typeof entry !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(entry)) {
      throw refuse(`x5c certificate ${index + 1} is not base64`);
    }
    try {
      return new X509Certificate(Buffer.from(entry, 'base64'));
    } catch {
      throw refuse(`x5c certificate ${index + 1} cannot be parsed`);
    }
  });

  const leaf = chain[0]!;
  const certified = leaf.publicKey.export({ format: 'jwk' });
  if (certified.kty !== 'RSA' || certified.n !== key.n || certified.e !== key.e) {
    throw refuse('the key is not the one in its certificate');
  }
  if (leaf.ca) throw refuse("the key's certificate is a CA certificate");
  if (!usages(leaf, refuse)?.has('keyEncipherment')) {
    throw refuse("the key's certificate does not allow key encipherment");
  }

  for (let index = 0; index + 1 < chain.length; index++) {
    const issuer = chain[index + 1]!;
    if (!chain[index]!.checkIssued(issuer) || !chain[index]!.verify(issuer.publicKey)) {
      throw refuse(`x5c certificate ${index + 1} is not signed by the next one`);
    }
    if (!issuer.ca) throw refuse(`x5c certificate ${index + 2} is not a CA certificate`);
    const issuerUsages = usages(issuer, refuse);
    if (issuerUsages && !issuerUsages.has('keyCertSign')) {
      throw refuse(`x5c certificate ${index + 2} may not sign certificates`);
    }
  }

  // The chain may end with the root itself or with the certificate the root signed.
  const last = chain[chain.length - 1]!;
  const anchor =
    roots.find((root) => root.fingerprint256 === last.fingerprint256) ??
    roots.find((root) => last.checkIssued(root) && last.verify(root.publicKey));
  if (!anchor) throw refuse('the chain does not lead to the configured root certificate');

  for (const [index, certificate] of [...chain, anchor].entries()) {
    const label = index < chain.length ? `x5c certificate ${index + 1}` : 'the root certificate';
    if (now < Date.parse(certificate.validFrom)) throw refuse(`${label} is not valid yet`);
    if (now > Date.parse(certificate.validTo)) throw refuse(`${label} has expired`);
  }
}

function usages(certificate: X509Certificate, refuse: (why: string) => Error) {
  try {
    return certificateKeyUsage(certificate.raw);
  } catch {
    throw refuse('a certificate has an unreadable key usage');
  }
}
