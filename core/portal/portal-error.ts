/**
 * How a failed portal call is handled:
 * - transient: network errors, timeouts, 408, 429, 5xx, unreadable bodies → retry with backoff;
 * - unauthorized: 401 → drop the token and retry (counts as transient);
 * - permanent: other 4xx problem documents, an invalid key, a schema the destination
 *   does not take → park the entry for staff.
 * `problem` keeps only the problem document's type, title and status: never
 * its detail, which could echo submitted content.
 */
export type FailureKind = 'transient' | 'unauthorized' | 'permanent';

export interface ProblemSummary {
  type: string;
  title: string;
  status?: number;
}

export class PortalError extends Error {
  override name = 'PortalError';
  constructor(
    readonly kind: FailureKind,
    readonly problem: ProblemSummary,
    readonly retryAfterMs?: number,
  ) {
    super(`${problem.title}${problem.status ? ` (${problem.status})` : ''}`);
  }
}

export function transient(title: string, status?: number, retryAfterMs?: number): PortalError {
  return new PortalError('transient', { type: 'urn:buergerkiosk:portal:transient', title, status }, retryAfterMs);
}

export function permanent(type: string, title: string, status?: number): PortalError {
  return new PortalError('permanent', { type, title, status });
}

export function failureKindOf(status: number): FailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}
