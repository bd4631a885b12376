import { randomBytes } from 'node:crypto';

/**
 * Issued OAuth2 access tokens (opaque, in memory: a restarted receiver forgets them, and senders
 * must then fetch a new one, as after any expiry).
 */
interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; clientId: string } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly now: () => number) {}

  /** `lifetimeMs` may be ≤ 0: fault injection issues tokens that are already expired. */
  issue(clientId: string, lifetimeMs: number): string {
    this.prune();
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId, expiresAt: this.now() + lifetimeMs });
    return token;
  }

  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer ([A-Za-z0-9_.~+/-]+=*)$/.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const issued = this.tokens.get(match[1]!);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (issued.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, clientId: issued.clientId };
  }

  revoke(authorization: string | undefined): void {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (match) this.tokens.delete(match[1]!);
  }

  revokeAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  private prune(): void {
    const now = this.now();
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
  }
}
