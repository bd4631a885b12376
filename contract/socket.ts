import { z } from 'zod';
import type { SocketCall } from './socket-call';

export * from './socket-call';

/** A call frame on the events WebSocket: see contract/socket-call.ts (zod-free, for the renderer). */
export const SocketCallSchema: z.ZodType<SocketCall> = z
  .object({
    call: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    method: z.string().max(100),
    input: z.unknown(),
  })
  .strict();
