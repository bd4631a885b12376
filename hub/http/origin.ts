import type { FastifyRequest } from 'fastify';

/** The hub's own origin as the browser sees it: the configured public origin, else scheme + Host header. */
export function ownOrigin(request: FastifyRequest, tls: boolean, publicOrigin?: string): string {
  return publicOrigin ?? `${tls ? 'https' : 'http'}://${request.headers.host ?? ''}`;
}

/** Browsers send Origin on every POST and WebSocket: it must be ours. A POST without one (curl) is let through. */
export function originMatches(request: FastifyRequest, own: string, required: boolean): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return !required;
  return origin === own;
}
