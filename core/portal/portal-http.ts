import { failureKindOf, PortalError, transient, type ProblemSummary } from './portal-error';
import { parseRetryAfter } from './backoff';

export interface PortalRequest {
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
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw transient(timedOut ? 'Portal did not answer in time' : 'Portal not reachable');
  }
  if (response.status >= 200 && response.status < 300) {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && Buffer.byteLength(text) !== declared) {
      throw transient('Incomplete response from the portal', response.status);
    }
    return { status: response.status, json: parseJson(text, response.status) };
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), request.now());
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
