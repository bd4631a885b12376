import type { z } from 'zod';
import { api, fail, isApiMethod, type Result } from '../../contract';
import { errorClass } from '../logging';
import type { Logger } from '../types';
import type { Handlers } from './handlers';

const MAX_DETAIL = 480;
const SAFE_SEGMENT = /^[a-zA-Z][a-zA-Z0-9]{0,62}$/;

/** Path segments come from the input (record keys): only identifier-like ones are echoed. */
function safeSegment(segment: PropertyKey): string {
  if (typeof segment === 'number') return String(segment);
  return typeof segment === 'string' && SAFE_SEGMENT.test(segment) ? segment : '*';
}

/**
 * Input problems as "path: message" without the offending values. Zod's own
 * messages name expected types and allowed options, not the input; the one
 * exception (unrecognized keys, which names the keys) is replaced.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(safeSegment).join('.') || '(input)';
    const message = issue.code === 'unrecognized_keys' ? 'unrecognized keys' : issue.message.slice(0, 120);
    return `${path}: ${message}`;
  });
  return parts.join('; ').slice(0, MAX_DETAIL);
}

/** Validates method and input against the contract, runs the handler, and never throws. */
export function createDispatch(handlers: Handlers, logger: Logger) {
  return async function dispatch(method: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isApiMethod(method)) return fail('unknown_method');
    const parsed = api[method].input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', { detail: describeIssues(parsed.error.issues) });
    try {
      const handler = handlers[method] as (value: unknown) => Result<unknown> | Promise<Result<unknown>>;
      // Awaited here, so an asynchronous handler's failure is caught too.
      return await handler(parsed.data);
    } catch (error) {
      logger.error('dispatch.internal_error', { method, errorClass: errorClass(error) });
      return fail('internal');
    }
  };
}
