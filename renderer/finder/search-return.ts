/**
 * The words a resident searched with when they chose a result, given back once when "Zurück" on that
 * service's start page leads to the start screen: the resident returns to their results, not to the tiles.
 * Kept in memory only, one search at a time, and never older than the kiosk's idle timeout: a search
 * must not greet the next resident.
 */
interface SearchReturn {
  query: string;
  at: number;
}

let pending: SearchReturn | null = null;

export function rememberSearch(query: string, now = Date.now()): void {
  pending = query.trim() === '' ? null : { query, at: now };
}

/** The remembered words if they are younger than `maxAgeMs`, else ''; does not forget them (see forgetSearch). */
export function searchToReturnTo(maxAgeMs: number, now = Date.now()): string {
  if (!pending || now - pending.at > maxAgeMs) return '';
  return pending.query;
}

/** Once the start screen has taken them, or when another way leads on. */
export function forgetSearch(): void {
  pending = null;
}
