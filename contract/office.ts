import { z } from 'zod';

/**
 * The town's offices, one file (`resources/offices/offices.json`, issue 15): a service names its office by
 * `officeId`, so an office's hours change in one place. Names, addresses and the step-free way in are texts in
 * the namespace `offices` (`resources/offices/locales/<lang>.json`, keys `<id>.name`, `<id>.address`,
 * `<id>.access`, and `sampleNote`: ./office-keys.ts). Opening hours are data, written with Intl (./office-hours.ts).
 */

export const OfficeId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Days are ISO weekdays (1 = Monday … 7 = Sunday), times the office's wall clock. */
export const OpeningIntervalSchema = z
  .strictObject({ days: z.array(z.number().int().min(1).max(7)).min(1).max(7), from: Time, to: Time })
  .refine((interval) => interval.from < interval.to, { message: 'from must be before to', path: ['to'] });

/** Weekly opening hours; intervals that touch (Thursday 8:30–12:00 and 12:00–18:00) count as one. */
export const OpeningHoursSchema = z.strictObject({
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'not a time zone Intl knows'),
  openingHours: z.array(OpeningIntervalSchema).max(50),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const OfficeSchema = z.strictObject({
  id: OfficeId,
  ...OpeningHoursSchema.shape,
  phone: z.string().regex(/^[0-9 +()/-]{3,40}$/),
  email: z.email().max(120).optional(),
  /** Whether there is a way in without steps; the access text (`<id>.access`) says where. */
  stepFreeEntrance: z.boolean(),
});
export type Office = z.infer<typeof OfficeSchema>;

export const OfficesFileSchema = z
  .strictObject({
    /** Addresses, hours and fees are sample data: said once wherever offices are listed (text `sampleNote`). */
    sampleData: z.boolean(),
    offices: z.array(OfficeSchema).min(1).max(200),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.offices.forEach((office, i) => {
      if (seen.has(office.id)) {
        ctx.addIssue({ code: 'custom', path: ['offices', i, 'id'], message: `office "${office.id}" is listed twice` });
      }
      seen.add(office.id);
    });
  });
export type OfficesFile = z.infer<typeof OfficesFileSchema>;

/** Open now (and until when), or when it opens next (ISO instants); the office's time zone for showing them. */
export const OfficeOpeningSchema = z.object({
  openNow: z.boolean(),
  from: z.string().datetime(),
  until: z.string().datetime(),
  timeZone: z.string().max(64),
});
export type OfficeOpening = z.infer<typeof OfficeOpeningSchema>;

/** Every office's opening as of the core's clock; `opening` is null when it opens in none of the next two weeks. */
export const OfficesStatusSchema = z.object({
  now: z.string().datetime(),
  offices: z.array(z.object({ id: OfficeId, opening: OfficeOpeningSchema.nullable() })),
});
export type OfficesStatus = z.infer<typeof OfficesStatusSchema>;
