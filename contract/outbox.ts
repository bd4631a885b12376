import { z } from 'zod';

/** Delivery states of a submitted application, as staff see them. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'submitted', 'accepted', 'rejected', 'parked'] as const;

/**
 * One outbox entry for the help desk: reference, service and where delivery
 * stands. No personal data: no answers, no names, no problem details that
 * could echo them (only a problem's type and title).
 */
export const OutboxStatusEntrySchema = z.object({
  reference: z.string(),
  serviceId: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  createdAt: z.iso.datetime(),
  statusChangedAt: z.iso.datetime(),
  attempts: z.number().int().nonnegative(),
  /** When the next delivery step or event-log reading is due; null when nothing is pending. */
  nextAttemptAt: z.iso.datetime().nullable(),
  problem: z.object({ type: z.string(), title: z.string(), status: z.number().int().optional() }).nullable(),
});
export type OutboxStatusEntry = z.infer<typeof OutboxStatusEntrySchema>;

export const OutboxStatusSchema = z.object({
  /** False when the kiosk has no portal configured: applications wait in the outbox. */
  portalConfigured: z.boolean(),
  entries: z.array(OutboxStatusEntrySchema),
});
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;
