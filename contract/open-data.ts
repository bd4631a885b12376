import { z } from 'zod';
import { LANGUAGE_CODES } from './languages';
import { PublishedCount } from './usage';

/**
 * What the hub's public dashboard (and the console's view of one terminal) draws, issue 18. Every count is already
 * suppressed ("<5") where it would reveal fewer than 5 sessions; the page only draws it.
 */

export const DASHBOARD_PATH = '/open-data/dashboard.json';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Title = z.strictObject({ de: z.string(), en: z.string() });

export const DashboardServiceSchema = z.strictObject({
  serviceId: z.string(),
  /** LeiKa key of the service, or null where the catalogue has none. */
  leikaKey: z.string().nullable(),
  title: Title,
  /** Sessions that started the service, one per entry of `months`. */
  startedByMonth: z.array(PublishedCount),
  /** Sessions that completed it (sent, or visit prepared), one per entry of `months`. */
  completedByMonth: z.array(PublishedCount),
  /** Over the whole period: how many reached each step, and how many gave up there, in the service's order. */
  funnel: z.array(
    z.strictObject({ stepId: z.string(), title: Title, reached: PublishedCount, givenUp: PublishedCount }),
  ),
});
export type DashboardService = z.infer<typeof DashboardServiceSchema>;

export const DashboardSchema = z.strictObject({
  generatedAt: z.string().datetime(),
  /** null for the whole town; the console's view of one terminal names it. */
  terminal: z.strictObject({ terminalId: z.string(), name: z.string() }).nullable(),
  /** Oldest first. */
  months: z.array(Month).max(36),
  sessionsByMonth: z.array(PublishedCount),
  services: z.array(DashboardServiceSchema),
  languages: z.array(z.strictObject({ language: z.enum(LANGUAGE_CODES), sessions: PublishedCount })),
  /** Help requests by weekday (index 0 = Monday) and hour of the day (0–23). */
  helpByWeekdayHour: z.array(z.array(PublishedCount).length(24)).length(7),
  /** Estimated from the duration buckets' midpoints; null below 5 sessions. */
  averageDurationMinutes: z.number().min(0).nullable(),
  feedback: z.strictObject({ good: PublishedCount, okay: PublishedCount, bad: PublishedCount }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
