import type { HttpClient } from '../net/http-client';
import { PortalError, transient } from './portal-error';
import { portalRequest, type PortalResponse } from './portal-http';
import type { PortalConfig } from './portal-config';
import type { TokenCache } from './token-cache';

/**
 * Authenticated calls to the Submission API. A 401 means the portal no longer
 * takes our token (expired early, revoked): fetch a new one and try once more;
 * a second 401 is left to the backoff like any transient failure.
 */
export class PortalApi {
  readonly baseUrl: string;

  constructor(
    private readonly config: PortalConfig,
    private readonly tokens: TokenCache,
    private readonly now: () => number,
    private readonly client: HttpClient,
  ) {
    this.baseUrl = config.submissionApiUrl.replace(/\/+$/, '');
  }

  async call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: { json: unknown } | { jose: string },
  ): Promise<PortalResponse> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      let payload: string | undefined;
      if (body && 'json' in body) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body.json);
      } else if (body) {
        headers['content-type'] = 'application/jose';
        payload = body.jose;
      }
      try {
        return await portalRequest({
          client: this.client,
          method,
          url: `${this.baseUrl}${path}`,
          headers,
          body: payload,
          timeoutMs: this.config.requestTimeoutMs,
          now: this.now,
        });
      } catch (error) {
        if (!(error instanceof PortalError) || error.kind !== 'unauthorized') throw error;
        this.tokens.invalidate();
        if (attempt >= 1) throw transient('Portal keeps refusing fresh tokens', 401);
      }
    }
  }

  /** Unauthenticated GET of a public document (the submission service's JWKS). */
  async getPublic(path: string): Promise<PortalResponse> {
    return portalRequest({
      client: this.client,
      method: 'GET',
      url: `${this.baseUrl}${path}`,
      headers: { accept: 'application/json' },
      timeoutMs: this.config.requestTimeoutMs,
      now: this.now,
    });
  }
}
