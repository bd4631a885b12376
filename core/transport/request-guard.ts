import type { IncomingMessage } from 'node:http';

/**
 * Loopback-only checks. The Host check defeats DNS rebinding (a foreign site
 * whose name resolves to 127.0.0.1); the Origin check stops other pages in
 * the same browser from calling the API or listening to events.
 */

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

/** The origin a page served by us has, given the (already checked) Host header. */
export function ownOrigin(request: IncomingMessage): string {
  return `http://${(request.headers.host ?? '').toLowerCase()}`;
}

/** For POSTs: an absent Origin is fine (non-browser client), a foreign one is not. */
export function originAllowedIfPresent(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === ownOrigin(request);
}

/** For the WebSocket: browsers always send Origin, so it must be present and ours. */
export function originRequired(request: IncomingMessage): boolean {
  return request.headers.origin === ownOrigin(request);
}
