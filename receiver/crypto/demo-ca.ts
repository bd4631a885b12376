import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir, makeFilesPrivate } from '../../core/fs/private-files';
import path from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'jose';
import {
  boolean,
  explicit,
  integer,
  namedBits,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  tlv,
  utf8String,
} from './der';

/**
 * The reference receiver's own demo PKI, standing in for the administration PKI (Verwaltungs-PKI): a root
 * CA made at first start and kept in `<data dir>/demo-ca/` (key and certificate, mode 0600), which certifies
 * each encryption key the receiver issues. The key's JWK then carries `x5c` = [key certificate, root], so a
 * sender checks it as FIT-Connect asks (core/portal/key-certificate.ts). `npm start` trusts this root.
 * Demo only: the root key lies on disk unprotected.
 */
export interface CertificateValidity {
  /** Milliseconds since the epoch. */
  notBefore: number;
  notAfter: number;
}

export interface DemoCa {
  /** The root certificate, PEM: what a sender configures as its trusted root. */
  rootPem: string;
  rootFile: string;
  /** The certificate chain for an RSA public key (JWK), base64 DER as in `x5c`: key certificate, root. */
  certify(publicJwk: JWK): string[];
}

const ROOT_NAME = 'Bürgerkiosk Demo-PKI (nur Test)';
const YEAR_MS = 365 * 24 * 60 * 60_000;
const generate = promisify(generateKeyPair);

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
};
const KEY_USAGE_BIT = { keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 };

function name(commonName: string): Buffer {
  const attribute = (oid: string, value: string) => set(sequence(objectIdentifier(oid), utf8String(value)));
  return sequence(attribute(OID.organization, 'Bürgerkiosk Referenzempfänger'), attribute(OID.commonName, commonName));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), boolean(critical), octetString(value));
}

function certificate(options: {
  subject: string;
  issuer: string;
  subjectPublicKey: KeyObject;
  issuerKey: KeyObject;
  validity: CertificateValidity;
  ca: boolean;
}): X509Certificate {
  const algorithm = sequence(objectIdentifier(OID.sha256WithRsa), nullValue());
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const extensions = [
    extension(OID.basicConstraints, true, options.ca ? sequence(boolean(true)) : sequence()),
    extension(
      OID.keyUsage,
      true,
      namedBits(options.ca ? [KEY_USAGE_BIT.keyCertSign, KEY_USAGE_BIT.cRLSign] : [KEY_USAGE_BIT.keyEncipherment]),
    ),
  ];
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    algorithm,
    name(options.issuer),
    sequence(time(options.validity.notBefore), time(options.validity.notAfter)),
    name(options.subject),
    options.subjectPublicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, options.issuerKey);
  // The signature as a BIT STRING with no unused bits.
  return new X509Certificate(sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))));
}

/**
 * Loads the demo CA of a data folder, making it on first start. `validity` (default: from a day ago, the
 * root for 20 years, key certificates for 5) lets tests whose clock is not today's get certificates valid
 * at their time.
 */
export async function openDemoCa(dataDir: string, now: () => number, validity?: CertificateValidity): Promise<DemoCa> {
  const dir = path.join(dataDir, 'demo-ca');
  const keyFile = path.join(dir, 'root-key.pem');
  const certFile = path.join(dir, 'root-cert.pem');
  let rootKey: KeyObject;
  let root: X509Certificate;
  ensurePrivateDir(dir);
  if (existsSync(keyFile) && existsSync(certFile)) {
    makeFilesPrivate(keyFile, certFile);
    rootKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
    root = new X509Certificate(readFileSync(certFile, 'utf8'));
  } else {
    // RSA-2048 for the demo root: made at first start, where a 4096-bit key would cost seconds.
    const pair = await generate('rsa', { modulusLength: 2048 });
    rootKey = pair.privateKey;
    const start = validity?.notBefore ?? now() - 24 * 60 * 60_000;
    root = certificate({
      subject: ROOT_NAME,
      issuer: ROOT_NAME,
      subjectPublicKey: pair.publicKey,
      issuerKey: rootKey,
      validity: { notBefore: start, notAfter: validity?.notAfter ?? start + 20 * YEAR_MS },
      ca: true,
    });
    writeFileSync(keyFile, rootKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(certFile, root.toString(), { mode: 0o600 });
  }
  const rootNotAfter = Date.parse(root.validTo);
  return {
    rootPem: root.toString(),
    rootFile: certFile,
    certify(publicJwk) {
      const subjectPublicKey = createPublicKey({
        key: { kty: 'RSA', n: publicJwk.n!, e: publicJwk.e! },
        format: 'jwk',
      });
      const start = validity?.notBefore ?? now() - 24 * 60 * 60_000;
      const leaf = certificate({
        subject: `Verschlüsselungsschlüssel ${publicJwk.kid ?? ''}`.trim(),
        issuer: ROOT_NAME,
        subjectPublicKey,
        issuerKey: rootKey,
        validity: { notBefore: start, notAfter: validity?.notAfter ?? Math.min(start + 5 * YEAR_MS, rootNotAfter) },
        ca: false,
      });
      return [leaf.raw.toString('base64'), root.raw.toString('base64')];
    },
  };
}
