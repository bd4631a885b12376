import { z } from 'zod';
import type { FaultRule } from '../faults';
import { API_ROUTE_NAMES } from '../http/routes';
import { emptyResponse, jsonResponse, problemOf, type ApiResponse } from '../http/responses';
import type { ReceivedApplication } from '../received';
import type { ReceiverState } from '../state';
import { HttpFailure, jsonBodyOf, type HandlerContext } from './context';

/**
 * /__admin/* — the programmatic test controls over HTTP, for a receiver running in another process
 * (served only to loopback callers, each a POST with the token printed at start in the `x-receiver-token`
 * header: see http/access-token.ts):
 *
 *   POST /__admin/requests                 request counts per route
 *   POST /__admin/requests/reset           reset the counts
 *   POST /__admin/faults/list              active rules and the faults fired so far
 *   POST /__admin/faults/set               replace all rules: a rule or an array of rules (see faults.ts)
 *   POST /__admin/faults                   add one rule → {id}
 *   POST /__admin/faults/clear             remove all rules
 *   POST /__admin/rotate-encryption-key    new encryption key; the old kid is no longer accepted
 *   POST /__admin/invalidate-tokens        every issued access token stops working
 *   POST /__admin/idle                     answers once the subscriber has decided every sent submission
 *   POST /__admin/subscriber/hold          the subscriber decides nothing until released (benchmarks)
 *   POST /__admin/subscriber/release       decides what waited, and from then on as before
 *   POST /__admin/received                 received applications, decrypted (attachments in base64)
 */
export interface AdminControls {
  state: ReceiverState;
  rotateEncryptionKey(): Promise<{ oldKid: string; newKid: string }>;
  listReceived(): Promise<ReceivedApplication[]>;
}

const base = {
  route: z.enum(['*', ...API_ROUTE_NAMES]),
  times: z.number().int().min(1).optional(),
  skip: z.number().int().min(0).optional(),
};
const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('status'), status: z.number().int().min(400).max(599).optional() }),
  z.object({ ...base, kind: z.literal('throttle'), retryAfterSeconds: z.number().int().min(0).optional() }),
  z.object({ ...base, kind: z.literal('latency'), delayMs: z.number().min(0) }),
  z.object({ ...base, kind: z.literal('reset'), phase: z.enum(['request', 'response']).optional() }),
  z.object({ ...base, kind: z.literal('truncate') }),
  z.object({ ...base, kind: z.literal('unauthorized') }),
  z.object({ ...base, kind: z.literal('expiredToken') }),
  z.object({ ...base, kind: z.literal('forceReject') }),
]);

async function rulesFrom(context: HandlerContext): Promise<FaultRule[]> {
  const body = await jsonBodyOf(context, 64 * 1024);
  const parsed = z.union([ruleSchema, z.array(ruleSchema)]).safeParse(body);
  if (!parsed.success) throw new HttpFailure(problemOf('invalid-request-body', parsed.error.issues[0]?.message));
  return (Array.isArray(parsed.data) ? parsed.data : [parsed.data]) as FaultRule[];
}

function guarded(apply: () => unknown): unknown {
  try {
    return apply();
  } catch (error) {
    throw new HttpFailure(problemOf('invalid-request-body', error instanceof Error ? error.message : 'invalid rule'));
  }
}

export async function adminHandler(
  context: HandlerContext,
  path: string,
  controls: AdminControls,
): Promise<ApiResponse> {
  const { state } = context;
  const method = context.request.method ?? 'GET';
  const action = `${method} ${path.slice('/__admin'.length)}`;
  switch (action) {
    case 'POST /requests':
      return jsonResponse(200, state.counter.snapshot());
    case 'POST /requests/reset':
      state.counter.reset();
      return emptyResponse(204);
    case 'POST /faults/list':
      return jsonResponse(200, { faults: state.faults.list(), fired: state.faults.fired() });
    case 'POST /faults/set': {
      const rules = await rulesFrom(context);
      return jsonResponse(200, { ids: guarded(() => state.faults.set(rules)) });
    }
    case 'POST /faults': {
      const rules = await rulesFrom(context);
      return jsonResponse(201, { ids: guarded(() => rules.map((rule) => state.faults.add(rule))) });
    }
    case 'POST /faults/clear':
      state.faults.clear();
      return emptyResponse(204);
    case 'POST /rotate-encryption-key':
      return jsonResponse(200, await controls.rotateEncryptionKey());
    case 'POST /invalidate-tokens':
      return jsonResponse(200, { revoked: state.tokens.revokeAll() });
    case 'POST /subscriber/hold':
      state.subscriber.hold();
      return emptyResponse(204);
    case 'POST /subscriber/release':
      state.subscriber.release();
      return emptyResponse(204);
    case 'POST /idle':
      await state.subscriber.idle();
      return emptyResponse(204);
    case 'POST /received': {
      const applications = await controls.listReceived();
      return jsonResponse(
        200,
        applications.map((application) => ({
          ...application,
          attachments: application.attachments.map((attachment) => ({
            ...attachment,
            content: attachment.content?.toString('base64') ?? null,
          })),
        })),
      );
    }
    default:
      return problemOf('not-found', `no admin action ${action}`);
  }
}
