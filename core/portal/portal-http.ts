import type { HttpAnswer, HttpClient } from '../net/http-client';
import { failureKindOf, PortalError, transient, type ProblemSummary } from './portal-error';
import { parseRetryAfter } from './backoff';

export interface PortalRequest {
  /** Carries the TLS trust (the town's CA) and the kept-alive connections. */
  client: HttpClient;
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  now: () => number;
}

export interface PortalResponse {
  status: number;
  /** Parsed JSON body, or undefined for an empty one (204). */
  json: unknown;
}

/**
 * One HTTP exchange with the portal. Resolves only with a complete, readable
 * 2xx response; everything else becomes a classified PortalError, so callers
 * never guess. The whole body is read before deciding: a connection reset or
 * truncated body mid-response is a transient failure, not a success.
 */
export async function portalRequest(request: PortalRequest): Promise<PortalResponse> {
  let response: HttpAnswer;
  try {
    response = await request.client.request({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      timeoutMs: request.timeoutMs,
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw transient(timedOut ? 'Portal did not answer in time' : 'Portal not reachable');
  }
  const text = response.text;
  if (response.status >= 300 && response.status < 400) {
    // Redirects are never followed: the configured URLs are the portal's.
    throw transient('Portal answered with a redirect', response.status);
  }
  if (response.status >= 200 && response.status < 300) {
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && Buffer.byteLength(text) !== declared) {
      throw transient('Incomplete response from the portal', response.status);
    }
    return { status: response.status, json: parseJson(text, response.status) };
  }
  const retryAfter = response.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null, request.now());
  throw new PortalError(failureKindOf(response.status), problemOf(text, response.status), retryAfterMs);
}

function parseJson(text: string, status: number): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw transient('Unreadable response from the portal', status);
  }
}

/** RFC 7807 type/title/status only; anything unreadable gets a generic summary. */
function problemOf(text: string, status: number): ProblemSummary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const short = (value: unknown, fallback: string) =>
    typeof value === 'string' && value.length > 0 ? value.slice(0, 300) : fallback;
  return {
    type: short(record.type, 'about:blank'),
    title: short(record.title, `HTTP ${status}`),
    status,
  };
}
