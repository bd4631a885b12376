import { z } from 'zod';
import { OfficeId, OfficeOpeningSchema } from './office';

/**
 * A walk-in waiting number at the kiosk (issue 16): where an office takes residents without an appointment
 * today, the kiosk draws its next number, shows it with the estimated waiting time (where the office gives one
 * out) and prints it. The number is the office's, not the resident's: it holds no personal data.
 */

/** An office that takes walk-ins, and when: open now (until when) or when it takes them next. */
export const WalkInOfficeSchema = z.object({ officeId: OfficeId, opening: OfficeOpeningSchema.nullable() });
export type WalkInOffice = z.infer<typeof WalkInOfficeSchema>;

export const WaitingTicketSchema = z.object({
  officeId: OfficeId,
  number: z.string().min(1).max(12),
  /** ISO instant the number was drawn. */
  takenAt: z.string().datetime(),
  /** Estimated minutes until called; null: the office does not say (the screen says "not known" plainly). */
  waitingMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable(),
});
export type WaitingTicket = z.infer<typeof WaitingTicketSchema>;

export const TakeNumberSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('number'), ticket: WaitingTicketSchema }),
  /** No number now: when the office takes walk-ins next (null: not in the next two weeks). */
  z.object({ outcome: z.literal('closed'), opening: OfficeOpeningSchema.nullable() }),
  /** The system cannot be reached or failed: the screen names the office's phone. */
  z.object({ outcome: z.literal('unavailable') }),
]);

export const walkInApi = {
  /** The offices that take walk-ins (empty without an appointment system or without walk-ins). */
  'walkIn.offices': { input: z.strictObject({}), output: z.object({ offices: z.array(WalkInOfficeSchema).max(50) }) },
  /** Draws the office's next number. An office that takes no walk-ins: `validation` on `officeId`. */
  'walkIn.take': { input: z.strictObject({ officeId: OfficeId }), output: TakeNumberSchema },
  /** "Fertig": the number drawn is forgotten. */
  'walkIn.done': { input: z.strictObject({}), output: z.object({ forgotten: z.boolean() }) },
} as const;
