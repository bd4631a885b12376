import { z } from 'zod';
import { HelpRequestBodySchema, RequestId, StaffDisplayName, TerminalId } from './terminal-protocol';

/**
 * What hub instances of one region tell each other over the live bus (issue 20; hub/live/bus.ts): help requests
 * raised, claimed and closed, which instance a terminal is connected to, takeovers started and ended. Ids, states
 * and a member of staff's display name only: never an answer or a live snapshot. The bus carries notices; the
 * truth (the queue, the audit log) is in the shared database, which an instance reads again after a reconnect.
 */

export const InstanceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
const StaffId = z.string().min(1).max(64);

export const BusMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('help.raised'), terminalId: TerminalId, request: HelpRequestBodySchema }),
  z.strictObject({
    type: z.literal('help.claimed'),
    terminalId: TerminalId,
    requestId: RequestId,
    staffId: StaffId,
    staffName: StaffDisplayName,
  }),
  z.strictObject({
    type: z.literal('help.closed'),
    terminalId: TerminalId,
    requestId: RequestId,
    state: z.enum(['resolved', 'cancelled']),
  }),
  z.strictObject({ type: z.literal('terminal.connected'), terminalId: TerminalId, instanceId: InstanceId }),
  z.strictObject({ type: z.literal('terminal.disconnected'), terminalId: TerminalId, instanceId: InstanceId }),
  z.strictObject({
    type: z.literal('takeover.started'),
    terminalId: TerminalId,
    requestId: RequestId,
    staffId: StaffId,
    staffName: StaffDisplayName,
  }),
  z.strictObject({
    type: z.literal('takeover.ended'),
    terminalId: TerminalId,
    requestId: RequestId,
    /** instance_lost: the instance that held the kiosk's or the console's connection went away. */
    by: z.enum(['staff', 'resident', 'session_end', 'instance_lost']),
  }),
]);
export type BusMessage = z.infer<typeof BusMessageSchema>;
export type BusMessageType = BusMessage['type'];

/** One message on the wire: who sent it, when, and a unique id (to drop a message seen twice). */
export const BusEnvelopeSchema = z.strictObject({
  id: z.string().uuid(),
  origin: InstanceId,
  at: z.number().int().nonnegative(),
  message: BusMessageSchema,
});
export type BusEnvelope = z.infer<typeof BusEnvelopeSchema>;

/** Largest envelope accepted from the wire (a help request with its activity is well under 2 kB). */
export const MAX_BUS_MESSAGE_BYTES = 16 * 1024;
