import type { X509Certificate } from 'node:crypto';
import type { JWK } from 'jose';
import { checkKeyCertificate } from './key-certificate';
import { permanent, transient } from './portal-error';
import type { PortalApi } from './portal-api';

export interface CheckedDestination {
  destinationId: string;
  encryptionKey: JWK & { kid: string };
}

const RSA_4096_MODULUS_BYTES = 512;

/**
 * Looks up a destination and its encryption key and refuses to encrypt for
 * anything but an active destination that takes our submission schema, with
 * an RSA-4096 key (e = AQAB) whose key_ops allow wrapKey, certified through the
 * administration PKI up to a configured root (key-certificate.ts). A refused key
 * is a permanent problem for staff, not something a retry fixes.
 */
export async function fetchCheckedDestination(
  api: PortalApi,
  destinationId: string,
  schemaUri: string,
  trust: { roots: readonly X509Certificate[]; now: () => number },
): Promise<CheckedDestination> {
  const path = `/v1/destinations/${encodeURIComponent(destinationId)}`;
  const destination = (await api.call('GET', path)).json as Record<string, unknown> | undefined;
  if (!destination || typeof destination !== 'object') throw transient('Destination response without a body');
  if (destination.status !== 'active') {
    throw permanent('urn:buergerkiosk:portal:destination-inactive', 'Destination is not active');
  }
  if (!acceptedSchemaUris(destination).includes(schemaUri)) {
    throw permanent('urn:buergerkiosk:portal:schema-not-offered', 'Destination does not take this submission schema');
  }
  const kid = destination.encryptionKid;
  if (typeof kid !== 'string')
    throw permanent('urn:buergerkiosk:portal:key-invalid', 'Destination has no encryptionKid');
  const key = (await api.call('GET', `${path}/keys/${encodeURIComponent(kid)}`)).json;
  const encryptionKey = checkEncryptionKey(key, kid);
  checkKeyCertificate(encryptionKey, trust.roots, trust.now());
  return { destinationId, encryptionKey };
}

function acceptedSchemaUris(destination: Record<string, unknown>): string[] {
  const services = [destination.services, destination.publicServices].flatMap((list) =>
    Array.isArray(list) ? (list as Record<string, unknown>[]) : [],
  );
  return services.flatMap((service) =>
    Array.isArray(service.submissionSchemas)
      ? (service.submissionSchemas as Record<string, unknown>[]).map((schema) => String(schema.schemaUri))
      : [],
  );
}

export function checkEncryptionKey(key: unknown, expectedKid: string): JWK & { kid: string } {
  const invalid = (why: string) => permanent('urn:buergerkiosk:portal:key-invalid', `Encryption key refused: ${why}`);
  if (!key || typeof key !== 'object') throw invalid('not a JWK');
  const jwk = key as JWK;
  if (jwk.kty !== 'RSA') throw invalid('kty is not RSA');
  if (jwk.e !== 'AQAB') throw invalid('e is not AQAB');
  if (typeof jwk.n !== 'string' || Buffer.from(jwk.n, 'base64url').length !== RSA_4096_MODULUS_BYTES) {
    throw invalid('modulus is not 4096 bits');
  }
  if (!Array.isArray(jwk.key_ops) || !jwk.key_ops.includes('wrapKey')) throw invalid('key_ops lacks wrapKey');
  if (typeof jwk.kid !== 'string' || jwk.kid.length < 8 || jwk.kid.length > 64) throw invalid('kid length');
  if (jwk.kid !== expectedKid) throw invalid('kid differs from the destination');
  if (jwk.alg !== undefined && jwk.alg !== 'RSA-OAEP-256') throw invalid('alg is not RSA-OAEP-256');
  if (jwk.d !== undefined) throw invalid('a private key was published');
  return jwk as JWK & { kid: string };
}
