import { createHmac, randomBytes } from 'node:crypto';
import { CONSOLE_API_PREFIX } from '../contract/hub';
import type { SqlClient } from './db/sql-client';
import { equalHashes, randomToken, sha256 } from './secrets';

export const DEVICE_COOKIE_PREFIX = 'hub_device_';
const MAX_AGE_S = 180 * 24 * 60 * 60;
/** Wrong passwords one device cookie may send before it counts as unknown (OWASP: lock out the cookie). */
const DEVICE_FAILURES = 5;
const DEVICE_FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;
const KEY_NAME = 'device-cookie';

/**
 * Known devices (OWASP "Slow brute force / device cookies"): after a correct login the browser gets
 * `<staffId>.<nonce>.<HMAC>` for that account, signed with a key of the hub's own (in hub_keys, made on first
 * use). A login with a valid cookie for the account skips the per-account lockout and the per-address limit;
 * a cookie that sends wrong passwords is itself locked after a few. The cookie holds no secret of the account.
 */
export class DeviceTrust {
  private readonly failures = new Map<string, { count: number; first: number }>();

  private constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {}

  static async load(sql: SqlClient, now: () => number): Promise<DeviceTrust> {
    const read = () => sql.get<{ secret: Buffer }>('SELECT secret FROM hub_keys WHERE name = ?', [KEY_NAME]);
    let row = await read();
    if (!row) {
      // Two instances starting together: the first key stays, both read it.
      await sql.run('INSERT INTO hub_keys (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [
        KEY_NAME,
        randomBytes(32),
        now(),
      ]);
      row = (await read())!;
    }
    return new DeviceTrust(Buffer.from(row.secret), now);
  }

  /** One cookie per account, so colleagues sharing a desk computer each keep theirs. */
  cookieName(staffId: string): string {
    return DEVICE_COOKIE_PREFIX + sha256(staffId).slice(0, 16);
  }

  cookieOptions(tls: boolean) {
    return {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: tls,
      path: `${CONSOLE_API_PREFIX}/login`,
      maxAge: MAX_AGE_S,
    };
  }

  issue(staffId: string): string {
    const nonce = randomToken(16);
    return `${staffId}.${nonce}.${this.sign(staffId, nonce)}`;
  }

  /** The cookie's nonce when it is validly signed, for `staffId` (any account if omitted), and not locked. */
  verify(value: string | undefined, staffId?: string): string | undefined {
    if (!value || value.length > 200) return undefined;
    const [id, nonce, signature, extra] = value.split('.');
    if (!id || !nonce || !signature || extra !== undefined) return undefined;
    if (staffId !== undefined && id !== staffId) return undefined;
    if (!equalHashes(signature, this.sign(id, nonce))) return undefined;
    const failures = this.failures.get(nonce);
    if (failures && this.now() - failures.first < DEVICE_FAILURE_WINDOW_MS && failures.count >= DEVICE_FAILURES)
      return undefined;
    return nonce;
  }

  /** Whether any of the request's device cookies is valid (the per-address limit lets those through). */
  anyValid(cookies: Record<string, string | undefined>): boolean {
    return Object.entries(cookies).some(
      ([name, value]) => name.startsWith(DEVICE_COOKIE_PREFIX) && this.verify(value) !== undefined,
    );
  }

  failed(nonce: string): void {
    const now = this.now();
    const entry = this.failures.get(nonce);
    if (!entry || now - entry.first >= DEVICE_FAILURE_WINDOW_MS) {
      if (this.failures.size >= MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
      this.failures.set(nonce, { count: 1, first: now });
    } else entry.count += 1;
  }

  succeeded(nonce: string): void {
    this.failures.delete(nonce);
  }

  private sign(staffId: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${staffId}.${nonce}`).digest('base64url');
  }
}
