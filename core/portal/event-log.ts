import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { transient, type ProblemSummary } from './portal-error';
import type { PortalApi } from './portal-api';

const EVENT_BASE = 'https://schema.fitko.de/fit-connect/events/';

export type CaseOutcome =
  { state: 'pending'; submitted: boolean } | { state: 'accepted' } | { state: 'rejected'; problems: ProblemSummary[] };

export interface CaseRef {
  caseId: string;
  submissionId: string;
  destinationId: string;
}

/**
 * Reads a case's event log and trusts only Security Event Tokens that verify:
 * PS512, typ secevent+jwt, signed by the submission service (create/submit,
 * key from its JWKS) or by the destination (accept/reject, key from the
 * destination), with `sub` and `txn` naming exactly our submission and case.
 * A token that does not verify is ignored and the case read again later:
 * a forged accept must never destroy an application.
 */
export async function readCaseOutcome(api: PortalApi, ref: CaseRef): Promise<CaseOutcome> {
  const response = await api.call('GET', `/v1/cases/${encodeURIComponent(ref.caseId)}/events`);
  const log = (response.json as { eventLog?: unknown } | undefined)?.eventLog;
  if (!Array.isArray(log)) throw transient('Event log without eventLog');
  const events: { name: string; payload: Record<string, unknown> }[] = [];
  const keys = new Map<string, Promise<JWK | undefined>>();
  for (const token of log) {
    if (typeof token !== 'string') continue;
    const verified = await verifySet(api, token, ref, keys);
    if (verified) events.push(...verified);
  }
  const reject = events.find((event) => event.name === 'reject-submission');
  if (reject) return { state: 'rejected', problems: problemsOf(reject.payload) };
  if (events.some((event) => event.name === 'accept-submission')) return { state: 'accepted' };
  return { state: 'pending', submitted: events.some((event) => event.name === 'submit-submission') };
}

async function verifySet(
  api: PortalApi,
  token: string,
  ref: CaseRef,
  keys: Map<string, Promise<JWK | undefined>>,
): Promise<{ name: string; payload: Record<string, unknown> }[] | undefined> {
  try {
    const header = decodeProtectedHeader(token);
    const issuer = decodeJwt(token).iss;
    if (header.alg !== 'PS512' || header.typ !== 'secevent+jwt' || typeof header.kid !== 'string') return undefined;
    // One key fetch per issuer and kid per reading, however many events it signed.
    const cacheKey = `${issuer}\0${header.kid}`;
    if (!keys.has(cacheKey)) keys.set(cacheKey, signingKey(api, issuer, header.kid, ref.destinationId));
    const jwk = await keys.get(cacheKey)!;
    if (!jwk) return undefined;
    const { payload } = await jwtVerify(token, await importJWK({ ...jwk, alg: 'PS512' }, 'PS512'), {
      algorithms: ['PS512'],
      typ: 'secevent+jwt',
      issuer,
      subject: `submission:${ref.submissionId}`,
    });
    if (payload.txn !== `case:${ref.caseId}` || typeof payload.events !== 'object' || payload.events === null) {
      return undefined;
    }
    const names = Object.entries(payload.events as Record<string, unknown>)
      .filter(([uri]) => uri.startsWith(EVENT_BASE))
      .map(([uri, body]) => ({ name: uri.slice(EVENT_BASE.length), payload: (body ?? {}) as Record<string, unknown> }));
    // Only the destination may accept or reject; only the submission service may record submit.
    const fromDestination = issuer === ref.destinationId;
    return names.filter((event) =>
      ['accept-submission', 'reject-submission'].includes(event.name) ? fromDestination : !fromDestination,
    );
  } catch {
    return undefined;
  }
}

async function signingKey(
  api: PortalApi,
  issuer: string | undefined,
  kid: string,
  destinationId: string,
): Promise<JWK | undefined> {
  let jwk: unknown;
  if (issuer === destinationId) {
    const path = `/v1/destinations/${encodeURIComponent(destinationId)}/keys/${encodeURIComponent(kid)}`;
    jwk = (await api.call('GET', path)).json;
  } else if (issuer !== undefined && issuer.replace(/\/+$/, '') === api.baseUrl) {
    const keys = ((await api.getPublic('/.well-known/jwks.json')).json as { keys?: unknown[] } | undefined)?.keys;
    jwk = Array.isArray(keys) ? keys.find((key) => (key as JWK).kid === kid) : undefined;
  }
  if (!jwk || typeof jwk !== 'object') return undefined;
  const key = jwk as JWK;
  if (key.kty !== 'RSA' || key.d !== undefined || key.kid !== kid) return undefined;
  if (Array.isArray(key.key_ops) && !key.key_ops.includes('verify')) return undefined;
  const { key_ops: _checked, ...material } = key;
  return material;
}

function problemsOf(payload: Record<string, unknown>): ProblemSummary[] {
  const problems = Array.isArray(payload.problems) ? (payload.problems as Record<string, unknown>[]) : [];
  return problems.map((problem) => ({
    type: typeof problem.type === 'string' ? problem.type.slice(0, 300) : 'about:blank',
    title: typeof problem.title === 'string' ? problem.title.slice(0, 300) : 'Rejected',
  }));
}
