/**
 * Per-account login throttle for clients the hub does not know (no valid device cookie, hub/device-trust.ts).
 * Every password check is reserved here *before* it runs, so parallel guesses from many addresses cannot slip
 * through together: an account gets FREE_FAILURES checks, then each further one locks it for an exponentially
 * longer time (1 s, 2 s, 4 s … up to MAX_LOCK_MS), and never more than MAX_CHECKS_PER_WINDOW checks in
 * WINDOW_MS in all. A locked account is refused (429 with Retry-After) without its password being checked.
 * A correct password clears the account's count. Known devices do not pass through here, so the owner of the
 * account, at their own desk, is never locked out by someone guessing elsewhere (OWASP "device cookies").
 */
export const ACCOUNT_LIMIT = {
  freeFailures: 5,
  baseLockMs: 1_000,
  maxLockMs: 15 * 60_000,
  /** The configured per-account limit: password checks from unknown devices per window. */
  maxChecksPerWindow: 10,
  windowMs: 60_000,
  /** Failures older than this are forgotten. */
  forgetAfterMs: 15 * 60_000,
} as const;
const MAX_TRACKED = 10_000;

interface Entry {
  failures: number;
  lastAt: number;
  lockedUntil: number;
  windowStart: number;
  windowChecks: number;
}

export type ThrottleDecision = { allowed: true; lockStarted: boolean } | { allowed: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly limit: typeof ACCOUNT_LIMIT = ACCOUNT_LIMIT,
  ) {}

  /** Reserves one password check on `account` (a lower-cased username, known or not). */
  begin(account: string): ThrottleDecision {
    const now = this.now();
    let entry = this.entries.get(account);
    if (!entry || now - entry.lastAt > this.limit.forgetAfterMs) {
      // Bounded memory: guesses at many made-up names must not grow the map without end.
      if (!entry && this.entries.size >= MAX_TRACKED) this.entries.delete(this.entries.keys().next().value!);
      entry = { failures: 0, lastAt: now, lockedUntil: 0, windowStart: now, windowChecks: 0 };
      this.entries.set(account, entry);
    }
    if (entry.lockedUntil > now) return { allowed: false, retryAfterMs: entry.lockedUntil - now };
    if (now - entry.windowStart >= this.limit.windowMs) {
      entry.windowStart = now;
      entry.windowChecks = 0;
    }
    if (entry.windowChecks >= this.limit.maxChecksPerWindow)
      return { allowed: false, retryAfterMs: entry.windowStart + this.limit.windowMs - now };
    entry.windowChecks += 1;
    // Counted as failed until it succeeds: a check still running holds its place.
    entry.failures += 1;
    entry.lastAt = now;
    const over = entry.failures - this.limit.freeFailures;
    if (over > 0) entry.lockedUntil = now + Math.min(this.limit.baseLockMs * 2 ** (over - 1), this.limit.maxLockMs);
    return { allowed: true, lockStarted: over === 1 };
  }

  /** The right password: the account's count starts again. */
  succeeded(account: string): void {
    this.entries.delete(account);
  }
}
