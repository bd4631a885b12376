import { z } from 'zod';
import { parsePemCertificates } from '../net/pem';

const pemCertificates = z.string().refine(
  (pem) => {
    try {
      return parsePemCertificates(pem).length > 0;
    } catch {
      return false;
    }
  },
  { message: 'must hold PEM certificates' },
);

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
  /**
   * The administration PKI's root certificate(s), PEM: every destination's encryption key must come with an
   * `x5c` chain up to one of them (see key-certificate.ts). The configuration file names a file instead
   * (`trustedRootCertificate`, see launcher/portal-settings.ts).
   */
  trustedRootPem: pemCertificates,
  /** The town's CA (PEM) for TLS to the token URL and the Submission API, besides Node's own roots. */
  caPem: pemCertificates.optional(),
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
