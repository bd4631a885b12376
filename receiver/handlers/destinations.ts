import type { DestinationConfig } from '../config';
import { jsonResponse, problemOf } from '../http/responses';
import type { ReceiverState } from '../state';
import { HttpFailure, type Handler } from './context';

/**
 * GET /v1/destinations/{id} — status, services with their submission schemas, the current encryptionKid
 * and the metadata versions. GET /v1/destinations/{id}/keys/{kid} — a public JWK of the destination:
 * the current encryption key (RSA-OAEP-256, key_ops ["wrapKey"]) or the key that verifies the
 * destination's accept/reject events (PS512, key_ops ["verify"]). A rotated-out encryption key is gone (404).
 * GET /.well-known/jwks.json — the submission service's own SET verification key(s).
 */
export function destinationOf(state: ReceiverState, destinationId: string): DestinationConfig {
  const destination = state.destinations.get(destinationId.toLowerCase());
  if (!destination) throw new HttpFailure(problemOf('destination-not-found', `no destination ${destinationId}`));
  return destination;
}

export const destinationHandler: Handler = async ({ state, params }) => {
  const destination = destinationOf(state, params.destinationId!);
  return jsonResponse(200, {
    destinationId: destination.destinationId,
    status: destination.status,
    services: destination.services,
    encryptionKid: state.keys.get('encryption').kid,
    metadataVersions: destination.metadataVersions,
  });
};

export const destinationKeyHandler: Handler = async ({ state, params }) => {
  destinationOf(state, params.destinationId!);
  for (const purpose of ['encryption', 'subscriber-signing'] as const) {
    const key = state.keys.get(purpose);
    if (key.kid === params.kid) return jsonResponse(200, key.publicJwk);
  }
  throw new HttpFailure(problemOf('key-not-found', `no current key ${params.kid} for this destination`));
};

export const jwksHandler: Handler = async ({ state }) =>
  jsonResponse(200, { keys: [state.keys.get('service-signing').publicJwk] });
