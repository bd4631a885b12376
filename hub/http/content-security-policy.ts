/**
 * The hub's Content-Security-Policy for the console and the dashboard, as helmet's directives: one place for the
 * hub (create-hub.ts adds its WebSocket origin to connect-src, and upgrade-insecure-requests under TLS) and for the
 * e2e tests' stand-in server (tests/e2e/support/dashboard-server.ts), which sends the same header.
 */
export const HUB_CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  // The console's WebSocket and fetches go to the hub itself; the alert sound is a file of the console's.
  connectSrc: ["'self'"],
  mediaSrc: ["'self'"],
  manifestSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** The header value for static directives (helmet's camelCase names in kebab case, `;` between them). */
export function cspHeader(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), ...values].join(' '))
    .join(';');
}
