import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The token of the receiver's own pages (issue 17): GET /demo shows every received application decrypted,
 * /__admin/* changes the receiver. Both need the token printed once at start. /__admin takes it only in this
 * header on a POST: a web page can send neither that header nor a cross-origin POST with it without a CORS
 * preflight, which the receiver never answers, so a page the operator visits cannot trigger an admin call.
 */
export const ACCESS_TOKEN_HEADER = 'x-receiver-token';

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerToken(request: IncomingMessage): string | undefined {
  const value = request.headers[ACCESS_TOKEN_HEADER];
  return typeof value === 'string' ? value : undefined;
}

/** /__admin: the header only. */
export function adminTokenValid(request: IncomingMessage, expected: string): boolean {
  return same(headerToken(request), expected);
}

/** /demo: the header, or `?token=` of the link the receiver printed (a person opens it in a browser). */
export function demoTokenValid(request: IncomingMessage, expected: string): boolean {
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? undefined;
  return same(headerToken(request), expected) || same(query, expected);
}
