/**
 * The receiver's route table: each route has a short name, used for request counting and to target faults.
 *
 *   token           POST /token                                         OAuth2 client credentials (client_secret_post)
 *   jwks            GET  /.well-known/jwks.json                         the submission service's SET signing key
 *   destination     GET  /v1/destinations/{destinationId}
 *   destinationKey  GET  /v1/destinations/{destinationId}/keys/{kid}    encryption key or SET verification key
 *   announce        POST /v1/submissions
 *   attachment      PUT  /v1/submissions/{submissionId}/attachments/{attachmentId}
 *   send            PUT  /v1/submissions/{submissionId}
 *   events          GET  /v1/cases/{caseId}/events
 *   demo            GET  /demo                                          decrypted received applications (HTML)
 *   admin           *    /__admin/...                                   faults, counts, key rotation (loopback only)
 */
export const API_ROUTE_NAMES = [
  'token',
  'jwks',
  'destination',
  'destinationKey',
  'announce',
  'attachment',
  'send',
  'events',
] as const;
export type ApiRouteName = (typeof API_ROUTE_NAMES)[number];
export type RouteName = ApiRouteName | 'demo' | 'admin' | 'unknown';

interface RouteSpec {
  name: RouteName;
  method: string;
  pattern: RegExp;
  params: string[];
  /** Needs a valid bearer token. */
  auth: boolean;
}

const SEGMENT = '([^/]+)';

const ROUTES: RouteSpec[] = [
  { name: 'token', method: 'POST', pattern: /^\/token$/, params: [], auth: false },
  { name: 'jwks', method: 'GET', pattern: /^\/\.well-known\/jwks\.json$/, params: [], auth: false },
  {
    name: 'destination',
    method: 'GET',
    pattern: new RegExp(`^/v1/destinations/${SEGMENT}$`),
    params: ['destinationId'],
    auth: true,
  },
  {
    name: 'destinationKey',
    method: 'GET',
    pattern: new RegExp(`^/v1/destinations/${SEGMENT}/keys/${SEGMENT}$`),
    params: ['destinationId', 'kid'],
    auth: true,
  },
  { name: 'announce', method: 'POST', pattern: /^\/v1\/submissions$/, params: [], auth: true },
  {
    name: 'attachment',
    method: 'PUT',
    pattern: new RegExp(`^/v1/submissions/${SEGMENT}/attachments/${SEGMENT}$`),
    params: ['submissionId', 'attachmentId'],
    auth: true,
  },
  {
    name: 'send',
    method: 'PUT',
    pattern: new RegExp(`^/v1/submissions/${SEGMENT}$`),
    params: ['submissionId'],
    auth: true,
  },
  {
    name: 'events',
    method: 'GET',
    pattern: new RegExp(`^/v1/cases/${SEGMENT}/events$`),
    params: ['caseId'],
    auth: true,
  },
  { name: 'demo', method: 'GET', pattern: /^\/demo$/, params: [], auth: false },
];

export type RouteMatch =
  | { kind: 'route'; name: RouteName; params: Record<string, string>; auth: boolean }
  | { kind: 'admin'; path: string }
  | { kind: 'method-not-allowed'; name: RouteName; allow: string }
  | { kind: 'not-found' };

export function matchRoute(method: string, pathname: string): RouteMatch {
  if (pathname === '/__admin' || pathname.startsWith('/__admin/')) return { kind: 'admin', path: pathname };
  const byPath = ROUTES.filter((route) => route.pattern.test(pathname));
  if (byPath.length === 0) return { kind: 'not-found' };
  const route = byPath.find((candidate) => candidate.method === method);
  if (!route) {
    return { kind: 'method-not-allowed', name: byPath[0]!.name, allow: byPath.map((r) => r.method).join(', ') };
  }
  const values = route.pattern.exec(pathname)!.slice(1);
  const params: Record<string, string> = {};
  route.params.forEach((param, index) => {
    params[param] = decodeURIComponent(values[index]!);
  });
  return { kind: 'route', name: route.name, params, auth: route.auth };
}
