import { z } from 'zod';
import type { SocketBind, SocketCall } from './socket-call';
import { SESSION_TOKEN_PATTERN } from './session-token';

export * from './socket-call';

/** A call frame on the events WebSocket: see contract/socket-call.ts (zod-free, for the renderer). */
export const SocketCallSchema: z.ZodType<SocketCall> = z
  .object({
    call: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    method: z.string().max(100),
    input: z.unknown(),
    token: z.string().regex(SESSION_TOKEN_PATTERN).optional(),
  })
  .strict();

export const SocketBindSchema: z.ZodType<SocketBind> = z.strictObject({
  bind: z.string().regex(SESSION_TOKEN_PATTERN).nullable(),
});
