import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '../http/body';
import { problemOf, type ApiResponse } from '../http/responses';
import type { ReceiverState } from '../state';

/** What a handler gets: the request, its path parameters, the authenticated client and the shared state. */
export interface HandlerContext {
  request: IncomingMessage;
  params: Record<string, string>;
  /** Set for routes that need a bearer token. */
  clientId: string;
  state: ReceiverState;
}

export type Handler = (context: HandlerContext) => Promise<ApiResponse>;

/** A response a handler can throw to end early (bad input, unknown resource, wrong state). */
export class HttpFailure extends Error {
  constructor(readonly response: ApiResponse) {
    super(`HTTP ${response.status}`);
  }
}

export async function bodyOf(context: HandlerContext, limit = context.state.maxBodyBytes): Promise<Buffer> {
  try {
    return await readBody(context.request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new HttpFailure(problemOf('payload-too-large', `the limit is ${limit} bytes`));
    }
    throw error;
  }
}

export async function jsonBodyOf(context: HandlerContext, limit?: number): Promise<unknown> {
  const type = (context.request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpFailure(problemOf('unsupported-media-type', 'Content-Type must be application/json'));
  }
  const body = await bodyOf(context, limit);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpFailure(problemOf('invalid-request-body', 'body is not valid JSON'));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
