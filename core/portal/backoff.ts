/**
 * Full-jitter exponential backoff (a random wait between 0 and
 * min(cap, base · 2^attempt)), so terminals that lost the network together do
 * not come back in lockstep. A server's Retry-After is a floor, never ignored.
 */
export function retryDelayMs(
  attempt: number,
  policy: { baseMs: number; capMs: number },
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0, 1);
}

/** Retry-After as delta-seconds or HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
