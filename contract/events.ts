import { z } from 'zod';
import { SESSION_END_REASONS } from './session';

/** Events pushed from the core to the renderer (IPC in Electron, WebSocket in browser mode). */
export const KioskEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('session.ended'),
    sessionId: z.string(),
    reason: z.enum(SESSION_END_REASONS),
  }),
]);
export type KioskEvent = z.infer<typeof KioskEventSchema>;
