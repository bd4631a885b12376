import { z } from 'zod';

/**
 * Issue 20: services published from the hub as signed bundles. A bundle is the services' folders as a manifest
 * (every file's path, SHA-256 and size, the bundle's version and creation time) signed by the hub with Ed25519,
 * and the files' bytes. The kiosk checks the signature over the manifest's exact text with the key pinned at
 * enrolment, then every file against the manifest, before it writes anything.
 */

/** Where a terminal fetches the active bundle (its own device credential as Bearer). */
export const BUNDLE_PATH = '/api/terminal/bundle';

/** Limits a clerk's catalogue stays far below (a service is a few files of a few kB). */
export const BUNDLE_MAX_FILES = 2000;
export const BUNDLE_MAX_FILE_BYTES = 1024 * 1024;
export const BUNDLE_MAX_TOTAL_BYTES = 8 * 1024 * 1024;
/** The upload's JSON body: the files as base64 (4/3) plus the paths. */
export const BUNDLE_UPLOAD_BODY_LIMIT = Math.ceil((BUNDLE_MAX_TOTAL_BYTES * 4) / 3) + 512 * 1024;

const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}';
/**
 * `<service folder>/<file>` or deeper (`locales/de.json`): relative, no `.`/`..` segment, no backslash, at most
 * five levels. The first segment is the service's id (the catalogue check compares it with service.json's).
 */
export const BundlePath = z
  .string()
  .max(300)
  .regex(new RegExp(`^${SEGMENT}(?:/${SEGMENT}){1,4}$`));

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const BundleFileSchema = z.strictObject({
  path: BundlePath,
  sha256: Sha256,
  bytes: z.number().int().min(0).max(BUNDLE_MAX_FILE_BYTES),
});
export type BundleFile = z.infer<typeof BundleFileSchema>;

export const BundleManifestSchema = z.strictObject({
  format: z.literal(1),
  /** Monotonic per hub: a rollback is a new version with an older bundle's files. */
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  createdAt: z.iso.datetime(),
  /** The version whose files a rollback republished; null for an upload. */
  rolledBackFrom: z.number().int().min(1).nullable(),
  files: z.array(BundleFileSchema).min(1).max(BUNDLE_MAX_FILES),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** What GET BUNDLE_PATH answers: the manifest as the exact text signed, the signature, the files' bytes. */
export const SignedBundleSchema = z.strictObject({
  manifest: z.string().max(BUNDLE_MAX_FILES * 500),
  /** Ed25519 over the UTF-8 bytes of `manifest`, base64. */
  signature: Base64.max(200),
  /** path → base64 bytes. */
  contents: z.record(BundlePath, Base64),
});
export type SignedBundle = z.infer<typeof SignedBundleSchema>;

/** The hub's public bundle key as pinned at enrolment: the SPKI DER of an Ed25519 key, base64. */
export const BundleKey = Base64.min(40).max(200);

/** A clerk's upload from the console: the files of a folder of service folders, as picked in the browser. */
export const BundleUploadSchema = z.strictObject({
  files: z
    .array(z.strictObject({ path: BundlePath, content: Base64.max(Math.ceil((BUNDLE_MAX_FILE_BYTES * 4) / 3) + 4) }))
    .min(1)
    .max(BUNDLE_MAX_FILES),
});
export type BundleUpload = z.infer<typeof BundleUploadSchema>;

export const BundleSummarySchema = z.object({
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  rolledBackFrom: z.number().int().min(1).nullable(),
  services: z.array(z.string()),
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  active: z.boolean(),
});
export type BundleSummary = z.infer<typeof BundleSummarySchema>;

/** A problem that refused an upload: the file and JSON pointer as the catalogue check names them. */
export const BundleProblemSchema = z.object({ file: z.string(), path: z.string(), message: z.string() });
export type BundleProblem = z.infer<typeof BundleProblemSchema>;

export { bundleCatalogueVersion, bundleVersionOf } from './bundle-version';

/** Why a terminal refused a bundle: codes only, logged without data. */
export const BUNDLE_REFUSALS = [
  'fetch_failed',
  'malformed',
  'no_pinned_key',
  'bad_signature',
  'replayed',
  'file_mismatch',
  'broken_service',
  'write_failed',
] as const;
export type BundleRefusal = (typeof BUNDLE_REFUSALS)[number];

/** The console's bundle routes (admins only; every change audited). */
export const bundleConsoleRoutes = {
  /** The active bundle and the previous ones, newest first. */
  'GET /bundles': { reply: z.array(BundleSummarySchema) },
  /** A new bundle from the picked folder: checked service by service, refused whole with 422 and its problems. */
  'POST /bundles': { body: BundleUploadSchema, reply: BundleSummarySchema },
  /** The previous bundle's files again, as a new version. */
  'POST /bundles/rollback': { body: z.strictObject({}), reply: BundleSummarySchema },
} as const;
