import {
  API_PREFIX,
  type BundleProblem,
  CSRF_HEADER_NAME,
  type RouteBody,
  type RouteKey,
  type RouteParams,
  type RouteReply,
} from './protocol';

/** Why a call failed, in the terms the screens explain to staff. */
export type ApiFailure =
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  | { kind: 'rate_limited'; retryAfterSeconds: number | null }
  | { kind: 'not_found' }
  | { kind: 'conflict' }
  | { kind: 'gone' }
  | { kind: 'invalid'; fieldErrors?: { field: string; code: string }[]; problems?: BundleProblem[] }
  | { kind: 'network' }
  | { kind: 'server' };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(`console api: ${failure.kind}`);
  }
}

function failureFor(response: Response): ApiFailure {
  switch (response.status) {
    case 401:
      return { kind: 'unauthorized' };
    case 403:
      return { kind: 'forbidden' };
    case 404:
      return { kind: 'not_found' };
    case 409:
      return { kind: 'conflict' };
    case 410:
      return { kind: 'gone' };
    case 400:
    case 422:
      return { kind: 'invalid' };
    case 429: {
      const seconds = Number(response.headers.get('retry-after'));
      return { kind: 'rate_limited', retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : null };
    }
    default:
      return { kind: 'server' };
  }
}

function pathFor(key: string, params: Record<string, string>): { method: string; path: string } {
  const [method, template] = key.split(' ') as [string, string];
  const path = template.replace(/:([A-Za-z]+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
  return { method, path: API_PREFIX + path };
}

/**
 * Typed calls to the hub's console routes. The session cookie travels by itself (same origin); the CSRF token
 * from login/session goes with every POST. A 401 on any call but login means the session ended.
 */
export class ConsoleApi {
  private csrfToken: string | null = null;

  constructor(private readonly onSessionEnded: () => void) {}

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  async call<K extends RouteKey>(
    key: K,
    ...args: keyof RouteParams<K> extends never ? [body?: RouteBody<K>] : [params: RouteParams<K>, body?: RouteBody<K>]
  ): Promise<RouteReply<K>> {
    const hasParams = key.includes(':');
    const params = (hasParams ? args[0] : {}) as Record<string, string>;
    const body = hasParams ? args[1] : args[0];
    const { method, path } = pathFor(key, params);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      if (this.csrfToken) headers[CSRF_HEADER_NAME] = this.csrfToken;
    }
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      });
    } catch {
      throw new ApiError({ kind: 'network' });
    }
    if (!response.ok) {
      const failure = failureFor(response);
      // The desk's checks name the fields that do not fit (422 { error, fieldErrors }).
      if (failure.kind === 'invalid') {
        const reply = (await response.json().catch(() => null)) as { fieldErrors?: unknown; problems?: unknown } | null;
        // A refused catalogue bundle names each problem's file and JSON pointer (issue 20).
        if (Array.isArray(reply?.problems))
          failure.problems = reply.problems.filter(
            (entry): entry is BundleProblem =>
              typeof entry === 'object' &&
              entry !== null &&
              ['file', 'path', 'message'].every((name) => typeof (entry as Record<string, unknown>)[name] === 'string'),
          );
        if (Array.isArray(reply?.fieldErrors))
          failure.fieldErrors = reply.fieldErrors.filter(
            (entry): entry is { field: string; code: string } =>
              typeof entry === 'object' &&
              entry !== null &&
              typeof (entry as { field?: unknown }).field === 'string' &&
              typeof (entry as { code?: unknown }).code === 'string',
          );
      }
      if (failure.kind === 'unauthorized' && key !== 'POST /login' && key !== 'GET /session') this.onSessionEnded();
      throw new ApiError(failure);
    }
    return (await response.json()) as RouteReply<K>;
  }
}

export function failureOf(error: unknown): ApiFailure {
  return error instanceof ApiError ? error.failure : { kind: 'network' };
}
