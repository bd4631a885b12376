/**
 * Per-account progressive delay for logins: after a few failures within the
 * window, every attempt on that account waits longer (up to MAX_DELAY_MS)
 * before its password is checked. It never refuses: an attacker guessing a
 * staff member's password slows down, but cannot lock them out. The per-IP
 * limit (@fastify/rate-limit on the route) stops a single source outright.
 */
export const FREE_FAILURES = 5;
export const BASE_DELAY_MS = 250;
export const MAX_DELAY_MS = 4_000;
export const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; first: number }>();

  constructor(private readonly now: () => number) {}

  delayMs(username: string): number {
    const entry = this.failures.get(username);
    if (!entry || this.now() - entry.first > WINDOW_MS) return 0;
    const over = entry.count - FREE_FAILURES;
    return over < 0 ? 0 : Math.min(BASE_DELAY_MS * 2 ** over, MAX_DELAY_MS);
  }

  failed(username: string): void {
    const entry = this.failures.get(username);
    if (!entry || this.now() - entry.first > WINDOW_MS) {
      // Bounded memory: guesses at many made-up names must not grow the map without end.
      if (this.failures.size >= MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
      this.failures.set(username, { count: 1, first: this.now() });
    } else entry.count += 1;
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }
}
