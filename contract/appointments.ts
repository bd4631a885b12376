import { z } from 'zod';

/**
 * The ZMS citizen API (it-at-m/eappointment, zmscitizenapi, routes after July 2026) as the kiosk reads it:
 * the answers' shapes, checked with zod at the boundary. Only what the kiosk uses is required; the rest of a
 * ZMS answer passes through unread (`.loose()`), so a town's newer ZMS with more keys still parses.
 */

export const ZMS_BASE_PATH = '/terminvereinbarung/api/citizen';

/** One entry of `{"errors":[...]}`; the HTTP status is the highest statusCode among them. */
export const zmsErrorSchema = z
  .object({
    errorCode: z.string(),
    errorMessage: z.string(),
    statusCode: z.number().int(),
    errorType: z.string(),
  })
  .loose();
export type ZmsError = z.infer<typeof zmsErrorSchema>;

export const zmsErrorBodySchema = z.object({ errors: z.array(zmsErrorSchema).min(1) }).loose();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** GET /available-calendar/: days with free times; timestamps are integer seconds here. */
export const zmsCalendarSchema = z
  .object({
    startDate: isoDate,
    endDate: isoDate,
    availableDays: z.array(
      z
        .object({
          date: isoDate,
          offices: z.array(
            z
              .object({
                // A digit string in ZMS's answer (the recorded one); a number is accepted as well.
                officeId: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number),
                appointments: z.array(z.number().int().positive()),
              })
              .loose(),
          ),
        })
        .loose(),
    ),
  })
  .loose();
export type ZmsCalendar = z.infer<typeof zmsCalendarSchema>;

/** ThinnedProcess: what every appointment route answers. The timestamp is a digit string here. */
export const zmsProcessSchema = z
  .object({
    processId: z.number().int().positive(),
    timestamp: z.string().regex(/^\d+$/),
    authKey: z.string().min(1),
    familyName: z.string().nullable(),
    email: z.string().nullable(),
    telephone: z.string().nullable(),
    officeName: z.string().nullable(),
    officeId: z.number().int(),
    status: z.string(),
    serviceId: z.number().int().nullable(),
    serviceName: z.string().nullable(),
    serviceCount: z.number().int().nullable(),
    slotCount: z.number().int().nullable(),
  })
  .loose();
export type ZmsProcess = z.infer<typeof zmsProcessSchema>;

export const zmsOfficesAndServicesSchema = z
  .object({
    offices: z.array(z.object({ id: z.number().int(), name: z.string() }).loose()),
    services: z.array(z.object({ id: z.number().int(), name: z.string() }).loose()),
    relations: z.array(
      z.object({ officeId: z.number().int(), serviceId: z.number().int(), slots: z.number().int() }).loose(),
    ),
  })
  .loose();
export type ZmsOfficesAndServices = z.infer<typeof zmsOfficesAndServicesSchema>;

/** What the kiosk keeps of a booking: the booking code is processId and authKey together. */
export interface Appointment {
  processId: number;
  authKey: string;
  /** Seconds since the epoch. */
  timestamp: number;
  officeId: number;
  officeName: string | null;
  serviceName: string | null;
  /** The appointment system's service id (moving a booking finds the kiosk service from it). */
  zmsServiceId?: number | null;
  /** The name the time was booked under (moving a booking books the new time under it); never shown. */
  familyName?: string | null;
  status: 'reserved' | 'preconfirmed' | 'confirmed' | 'deleted' | string;
}

/** A day with free times, for the short list of the next days. */
export interface FreeDay {
  date: string;
  /** How many free times that day (over the offices asked). */
  freeTimes: number;
}

export interface FreeTime {
  /** Seconds since the epoch. */
  timestamp: number;
  officeId: number;
}
