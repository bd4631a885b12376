import { z } from 'zod';

/**
 * Where and how the kiosk delivers applications: the FIT-Connect endpoints,
 * the OAuth2 client, and the destination of each service. Comes from the
 * kiosk configuration; the secret is never logged.
 */
export const PortalConfigSchema = z.strictObject({
  tokenUrl: z.url(),
  submissionApiUrl: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** serviceId → destinationId (UUID). A service without one stays queued and says so in its status. */
  destinations: z.record(z.string(), z.uuid()),
  requestTimeoutMs: z.number().int().positive().default(15_000),
  /** Full-jitter exponential backoff for transient failures. */
  retryBaseMs: z.number().int().positive().default(2_000),
  retryCapMs: z
    .number()
    .int()
    .positive()
    .default(2 * 60_000),
  /** How often a submitted application's event log is read until the portal accepts or rejects it. */
  eventPollMs: z.number().int().positive().default(15_000),
  /** How long reference, service and status stay after acceptance (content is destroyed at once). */
  acceptedRetentionMs: z
    .number()
    .int()
    .positive()
    .default(30 * 24 * 60 * 60_000),
});

export type PortalConfigInput = z.input<typeof PortalConfigSchema>;
export type PortalConfig = z.output<typeof PortalConfigSchema>;
