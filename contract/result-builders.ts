import type { ApiError, ApiErrorCode, Result } from './result';

/**
 * The two ways to answer a call, without the runtime schemas: the browser-mode server answers
 * its own refusals with them before the contract (and zod) is loaded. See contract/result.ts.
 */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ApiErrorCode, extra: Omit<ApiError, 'code'> = {}): { ok: false; error: ApiError } {
  return { ok: false, error: { code, ...extra } };
}
