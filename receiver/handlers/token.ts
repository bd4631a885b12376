import { createHash, timingSafeEqual } from 'node:crypto';
import { mediaType } from '../http/body';
import { jsonResponse, type ApiResponse } from '../http/responses';
import { bodyOf, type Handler } from './context';

/**
 * POST /token — OAuth2 client credentials grant with client_secret_post (form-encoded client_id and
 * client_secret). Basic authentication is refused, as FIT-Connect does. Errors follow RFC 6749 §5.2.
 */
const TOKEN_BODY_LIMIT = 16 * 1024;

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}) {
  return jsonResponse(status, { error, error_description: description }, headers);
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export const tokenHandler: Handler = async (context): Promise<ApiResponse> => {
  const { request, state } = context;
  if (request.headers.authorization !== undefined) {
    return oauthError(401, 'invalid_client', 'use client_secret_post: send client_id and client_secret in the body', {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams((await bodyOf(context, TOKEN_BODY_LIMIT)).toString('utf8'));
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  if (!grantType || !clientId || !clientSecret) {
    return oauthError(400, 'invalid_request', 'grant_type, client_id and client_secret are required');
  }
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'only client_credentials is supported');
  }
  const client = state.clients.find((candidate) => candidate.id === clientId);
  // Compare against a dummy secret for unknown clients, so timing does not reveal which ids exist.
  const secretOk = sameSecret(clientSecret, client?.secret ?? 'unknown-client-dummy-secret');
  if (!client || !secretOk) return oauthError(401, 'invalid_client', 'client authentication failed');

  const expired = state.faults.take('token', 'expiredToken');
  const lifetimeMs = expired ? -1000 : state.tokenLifetimeSeconds * 1000;
  const accessToken = state.tokens.issue(client.id, lifetimeMs);
  return jsonResponse(200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: state.tokenLifetimeSeconds,
    scope: form.get('scope') ?? '',
  });
};
