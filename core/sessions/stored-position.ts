import { z } from 'zod';
import { ApplicablePartsSchema } from '../../contract/session';

/**
 * What sessions.position holds: where the resident is, never what they typed.
 * stepNumber/stepCount are not stored; they depend on the answers and are
 * computed for each view.
 */
export const StoredPositionSchema = z.discriminatedUnion('kind', [
  // item: a repeatable group's item whose questions are open; absent = the group's list.
  z.object({
    kind: z.literal('step'),
    stepId: z.string(),
    returnToCheck: z.boolean(),
    item: z.number().int().min(0).optional(),
  }),
  z.object({ kind: z.literal('check') }),
  // parts: which fees, next steps and documents apply (indexes into the catalog's lists, no answers).
  z.object({
    kind: z.literal('confirmation'),
    reference: z.string(),
    submittedAt: z.string(),
    parts: ApplicablePartsSchema.optional(),
  }),
]);
export type StoredPosition = z.infer<typeof StoredPositionSchema>;

export const CompletedStepsSchema = z.array(z.string());
