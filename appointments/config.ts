import { z } from 'zod';
import { SAMPLE_CATALOGUE, type SampleCatalogue } from './sample-data';

/** The reference appointment server's settings; every one has a default fit for the demo. */
export const scheduleSettingsSchema = z.object({
  /** Length of one slot in minutes. */
  slotMinutes: z.number().int().min(5).max(120).default(15),
  /** Bookings one slot takes at once (desks working in parallel). */
  capacity: z.number().int().min(1).max(50).default(2),
  /** Local dates (YYYY-MM-DD) the offices are closed. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /** How long a reservation is held before it expires (ZMS scope.reservationDuration). */
  reservationMinutes: z.number().int().min(1).max(120).default(15),
  /** How long a preconfirmed appointment waits for its confirmation (ZMS scope.activationDuration). */
  activationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** How far ahead times are offered. */
  bookableWeeks: z.number().int().min(1).max(52).default(8),
  /** API requests a minute per client address; 0 turns the limit off (benchmarks). */
  rateLimitPerMinute: z.number().int().min(0).default(60),
});
export type ScheduleSettings = z.infer<typeof scheduleSettingsSchema>;

export interface AppointmentServerOptions extends Partial<ScheduleSettings> {
  dataDir: string;
  port?: number;
  /** Offices, services and their relations; default the Stade sample. */
  catalogue?: SampleCatalogue;
  /** The clock, in milliseconds (tests move it to let reservations expire). */
  now?: () => number;
  /** Ticket printer hashes the walk-in route accepts (default the sample's). */
  ticketprinterHashes?: string[];
  /** One JSON line per request and booking change (ids and statuses only, never a name). */
  log?: (line: string) => void;
}

/**
 * Public holidays of Lower Saxony (sample: 2026 and 2027), when the Bürgerbüro is closed. Checked against
 * the Niedersächsisches Feiertagsgesetz list (New Year, Good Friday, Easter Monday, 1 May, Ascension,
 * Whit Monday, 3 October, Reformation Day, Christmas), plus 24 and 31 December when the Rathaus is closed.
 */
export const SAMPLE_HOLIDAYS = [
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-25',
  '2026-10-03',
  '2026-10-31',
  '2026-12-24',
  '2026-12-25',
  '2026-12-26',
  '2026-12-31',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-01',
  '2027-05-06',
  '2027-05-17',
  '2027-10-03',
  '2027-10-31',
  '2027-12-24',
  '2027-12-25',
  '2027-12-26',
  '2027-12-31',
];

export function resolveSettings(options: AppointmentServerOptions): {
  settings: ScheduleSettings;
  catalogue: SampleCatalogue;
} {
  const settings = scheduleSettingsSchema.parse({
    slotMinutes: options.slotMinutes,
    capacity: options.capacity,
    holidays: options.holidays ?? SAMPLE_HOLIDAYS,
    reservationMinutes: options.reservationMinutes,
    activationMinutes: options.activationMinutes,
    bookableWeeks: options.bookableWeeks,
    rateLimitPerMinute: options.rateLimitPerMinute,
  });
  return { settings, catalogue: options.catalogue ?? SAMPLE_CATALOGUE };
}
