import { z } from 'zod';
import type { CertificateValidity } from './crypto/demo-ca';
import type { ReceiverKeySet } from './crypto/keys';

/** What `startReceiver` is configured with: OAuth clients and the destinations it serves. */

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

export const submissionSchemaRefSchema = z.object({
  schemaUri: z.string().min(1),
  mimeType: z.enum(['application/json', 'application/xml']),
});

export const destinationServiceSchema = z.object({
  /** e.g. "urn:de:fim:leika:leistung:99115003012000" */
  identifier: z.string().min(1),
  name: z.string().optional(),
  submissionSchemas: z.array(submissionSchemaRefSchema).min(1),
  regions: z.array(z.string()).optional(),
});

export const destinationConfigSchema = z.object({
  destinationId: uuid,
  status: z.enum(['created', 'active', 'inactive', 'archived']).default('active'),
  services: z.array(destinationServiceSchema).min(1),
  metadataVersions: z.array(z.string()).default(['1.0.0']),
});

export const clientConfigSchema = z.object({ id: z.string().min(1), secret: z.string().min(8) });

export type DestinationConfigInput = z.input<typeof destinationConfigSchema>;
export type DestinationConfig = z.output<typeof destinationConfigSchema>;
export type DestinationService = z.output<typeof destinationServiceSchema>;
export type ClientConfig = z.output<typeof clientConfigSchema>;

export interface ReceiverOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only. */
  host?: '127.0.0.1';
  /** Holds receiver.db (keys, submissions, events). Created if missing. */
  dataDir: string;
  clients: ClientConfig[];
  /** Defaults to one destination offering every service in `servicesDir` (see default-destinations.ts). */
  destinations?: DestinationConfigInput[];
  /** Where resources/services/<id>/schema.json live; defaults to the project's resources/services. */
  servicesDir?: string;
  /** A second folder of services read after `servicesDir` (the kiosk's `--services-dir`); an id already read is skipped. */
  extraServicesDir?: string;
  /** Access token lifetime; FIT-Connect issues tokens of up to 30 minutes. */
  tokenLifetimeSeconds?: number;
  /** Largest accepted request body (attachments included). FIT-Connect allows 500 MB; a test receiver needs less. */
  maxBodyBytes?: number;
  /** Serve /__admin/* (faults, request counts, key rotation) to loopback callers. Default true. */
  admin?: boolean;
  /** Serve GET /demo, the decrypted list of received applications. Default true. */
  demoPage?: boolean;
  /**
   * The token /demo and /__admin/* require (issue 17): /demo as `?token=` (the link printed once at start) or
   * the header, /__admin only as a POST with the `x-receiver-token` header, so no web page can trigger it.
   * Default: a random one per start (`receiver.accessToken`).
   */
  accessToken?: string;
  /**
   * Decided applications (the ones /demo shows decrypted) are deleted this long after the decision.
   * Default one hour; null keeps them (tests that look at old ones).
   */
  retentionMs?: number | null;
  /** One JSON line per request and per subscriber decision; never personal data or secrets. */
  log?: (line: string) => void;
  /** Keys to store on first start instead of generating them (see generateReceiverKeys); ignored once the
   *  data directory has keys. */
  initialKeys?: ReceiverKeySet;
  /** Validity of the demo CA's certificates when they are made (default: from a day ago, root 20 years, key
   *  certificates 5): tests whose kiosk clock is not today's give a span around their time. */
  certificateValidity?: CertificateValidity;
  /** Milliseconds since the epoch; injectable so tests can let tokens expire without waiting. */
  now?: () => number;
}

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 1800;
/** The demo receiver keeps the applications it decided on for an hour (said on /demo). */
export const DEFAULT_RETENTION_MS = 60 * 60 * 1000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
