/**
 * Requests per client address in fixed one-minute windows (zmscitizenapi's RateLimitingMiddleware
 * answers 429 rateLimitExceeded likewise). Addresses are kept only for the current window.
 */
export class RateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** True when this request is still within the limit. */
  allow(address: string): boolean {
    if (this.perMinute === 0) return true;
    const window = Math.floor(this.now() / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    return count <= this.perMinute;
  }
}
