import type { z } from 'zod';
import { api, fail, isApiMethod, type Result } from '../../contract';
import { errorClass } from '../logging';
import type { Logger } from '../types';
import type { Handlers } from './handlers';
import type { PageCaller } from '../../contract/session-token';

/** What the core decides about a call from the page (core/api/session-guard.ts); absent for internal calls. */
export interface PageCallRules {
  /** A refusal, or undefined when the call may go on; runs after the input is validated. */
  before(method: string, input: unknown, caller: PageCaller): Result<never> | undefined;
  /** The handler's result as the page gets it (the session token added, or the answer withheld). */
  after(method: string, result: Result<unknown>, caller: PageCaller): Result<unknown>;
}

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

/**
 * Validates method and input against the contract, runs the handler, and never throws. A call from the
 * page (over a transport) names its `caller` and goes through `rules`; the core's own calls name none.
 */
export function createDispatch(handlers: Handlers, logger: Logger, rules?: PageCallRules) {
  return async function dispatch(method: unknown, input: unknown, caller?: PageCaller): Promise<Result<unknown>> {
    if (!isApiMethod(method)) return fail('unknown_method');
    const parsed = api[method].input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', { detail: describeIssues(parsed.error.issues) });
    try {
      const refusal = caller && rules ? rules.before(method, parsed.data, caller) : undefined;
      if (refusal) return refusal;
      const handler = handlers[method] as (value: unknown) => Result<unknown> | Promise<Result<unknown>>;
      // Awaited here, so an asynchronous handler's failure is caught too.
      const result = await handler(parsed.data);
      return caller && rules ? rules.after(method, result, caller) : result;
    } catch (error) {
      logger.error('dispatch.internal_error', { method, errorClass: errorClass(error) });
      return fail('internal');
    }
  };
}
