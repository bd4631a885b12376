import type { HttpClient } from '../net/http-client';
import { PortalError, permanent, transient } from './portal-error';
import { portalRequest } from './portal-http';
import type { PortalConfig } from './portal-config';

/** Renew this long before the portal's expiry, so no request goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * OAuth2 client credentials, sent as `client_secret_post` (the portal refuses
 * Basic auth). The token is cached in memory only and refreshed before expiry.
 */
export class TokenCache {
  private token: { value: string; expiresAt: number } | undefined;
  // Concurrent deliveries share one token request.
  private pending: Promise<string> | undefined;

  constructor(
    private readonly config: Pick<PortalConfig, 'tokenUrl' | 'clientId' | 'clientSecret' | 'requestTimeoutMs'>,
    private readonly now: () => number,
    private readonly client: HttpClient,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const requestedAt = this.now();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
    });
    let response;
    try {
      response = await portalRequest({
        client: this.client,
        method: 'POST',
        url: this.config.tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        timeoutMs: this.config.requestTimeoutMs,
        now: this.now,
      });
    } catch (error) {
      // Wrong client credentials cannot heal by retrying: staff must fix the configuration.
      if (error instanceof PortalError && error.kind === 'unauthorized') {
        throw permanent('urn:buergerkiosk:portal:client-credentials', 'Portal refused the client credentials', 401);
      }
      throw error;
    }
    const body = response.json as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw transient('Token response without access_token/expires_in', response.status);
    }
    this.token = { value: body.access_token, expiresAt: requestedAt + body.expires_in * 1000 };
    return this.token.value;
  }

  /** After a 401: the portal no longer takes this token, whatever its expiry said. */
  invalidate(): void {
    this.token = undefined;
  }
}
